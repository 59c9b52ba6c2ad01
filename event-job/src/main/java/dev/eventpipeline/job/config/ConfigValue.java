package dev.eventpipeline.job.config;

/** A configured text value and where it was set, so errors can point there. */
record ConfigValue(String text, String origin) {}
