package dev.eventpipeline.it.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;

/**
 * The product modules' dependency rules, checked on their compiled classes: model and transform are
 * free of Flink and of I/O (producers import the model; transform is pure functions), connectors
 * never know the job, model and transform know neither, and no production class reaches the
 * tooling ({@code infra}) or these tests ({@code it}). This module sees every product module, so
 * the rules live here; the enforcer in event-model and event-transform bans Flink as a Maven
 * dependency, these rules ban it (and the rest) in the code.
 */
@AnalyzeClasses(packages = LayeringTest.PRODUCT, importOptions = LayeringTest.ProductionClasses.class)
class LayeringTest {

    static final String PRODUCT = "dev.eventpipeline";
    private static final String MODEL = "dev.eventpipeline.model..";
    private static final String TRANSFORM = "dev.eventpipeline.transform..";
    private static final String CONNECTORS = "dev.eventpipeline.connectors..";
    private static final String JOB = "dev.eventpipeline.job..";

    /**
     * Files, sockets, HTTP and processes. In-memory java.io (IOException, StringWriter, byte-array
     * streams, Serializable), which the JSON codec uses, stays allowed.
     */
    private static final DescribedPredicate<JavaClass> FILE_NETWORK_OR_PROCESS_IO =
            resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..")
                    .or(resideInAPackage("java.io").and(simpleNameStartingWith("File")
                            .or(simpleName("RandomAccessFile"))))
                    .or(name(ProcessBuilder.class.getName()))
                    .as("do file, network or process I/O");

    private static final DescribedPredicate<JavaClass> DATABASE_DRIVERS =
            resideInAnyPackage("com.datastax..", "org.apache.cassandra..").as("are Cassandra drivers");

    /**
     * The model ships Kafka (de)serializers under model.kafka for producers: byte conversions and
     * the ProducerRecord value, nothing that connects (producers, consumers, admin, the network).
     */
    private static final DescribedPredicate<JavaClass> KAFKA_BEYOND_SERIALIZATION =
            resideInAPackage("org.apache.kafka..")
                    .and(not(resideInAnyPackage("org.apache.kafka.common.serialization..",
                            "org.apache.kafka.common.errors..", "org.apache.kafka.common.header..")))
                    .and(not(name("org.apache.kafka.clients.producer.ProducerRecord")))
                    .as("are Kafka beyond its serialization API");

    @ArchTest
    static final ArchRule modelAndTransformAreFreeOfFlink = noClasses()
            .that().resideInAnyPackage(MODEL, TRANSFORM)
            .should().dependOnClassesThat().resideInAPackage("org.apache.flink..");

    @ArchTest
    static final ArchRule modelAndTransformDoNoIo = noClasses()
            .that().resideInAnyPackage(MODEL, TRANSFORM)
            .should().dependOnClassesThat(FILE_NETWORK_OR_PROCESS_IO)
            .orShould().dependOnClassesThat(DATABASE_DRIVERS);

    @ArchTest
    static final ArchRule modelUsesKafkaOnlyToSerialize = noClasses()
            .that().resideInAPackage(MODEL)
            .should().dependOnClassesThat(KAFKA_BEYOND_SERIALIZATION);

    @ArchTest
    static final ArchRule onlyModelKafkaKnowsKafka = noClasses()
            .that().resideInAnyPackage(MODEL, TRANSFORM)
            .and().resideOutsideOfPackage("dev.eventpipeline.model.kafka..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..");

    @ArchTest
    static final ArchRule dependenciesPointFromJobToModel = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Model").definedBy(MODEL)
            .layer("Transform").definedBy(TRANSFORM)
            .layer("Connectors").definedBy(CONNECTORS)
            .layer("Job").definedBy(JOB)
            .whereLayer("Job").mayNotBeAccessedByAnyLayer()
            .whereLayer("Connectors").mayOnlyBeAccessedByLayers("Job")
            .whereLayer("Transform").mayOnlyBeAccessedByLayers("Connectors", "Job");

    @ArchTest
    static final ArchRule productionNeverReachesToolingOrTests = noClasses()
            .that().resideInAnyPackage(MODEL, TRANSFORM, CONNECTORS, JOB)
            .should().dependOnClassesThat().resideInAnyPackage("dev.eventpipeline.infra..", "dev.eventpipeline.it..");

    /**
     * Main classes only: not test classes, whether from a module's target/test-classes or from a
     * test jar (event-job's, with the helpers under job.testing that may use infra).
     */
    public static final class ProductionClasses implements ImportOption {
        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");
        private static final ImportOption NO_TEST_DIRECTORIES = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return NO_TEST_DIRECTORIES.includes(location) && !location.matches(TEST_JAR);
        }
    }
}
