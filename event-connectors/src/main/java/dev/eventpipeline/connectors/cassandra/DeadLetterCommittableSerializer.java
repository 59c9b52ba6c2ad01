package dev.eventpipeline.connectors.cassandra;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Dead letters as the Cassandra sink's committables: they wait in the committer's state between the
 * checkpoint that made them and the one whose completion hands them on, so a restored job hands on
 * every one that its checkpoint held.
 */
final class DeadLetterCommittableSerializer implements SimpleVersionedSerializer<DeadLetter> {

    static final DeadLetterCommittableSerializer INSTANCE = new DeadLetterCommittableSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(DeadLetter letter) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256 + length(letter.value) + length(letter.key));
        writeBytes(out, letter.key);
        writeBytes(out, letter.value);
        writeString(out, letter.sourceTopic);
        out.writeInt(letter.sourcePartition);
        out.writeLong(letter.sourceOffset);
        out.writeLong(letter.sourceTimestamp);
        writeString(out, letter.reason);
        writeString(out, letter.message);
        out.writeLong(letter.rejectedAt);
        out.writeBoolean(letter.replay != null);
        if (letter.replay != null) {
            out.writeInt(letter.replay.attempt);
            writeString(out, letter.replay.originTopic);
            out.writeInt(letter.replay.originPartition);
            out.writeLong(letter.replay.originOffset);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public DeadLetter deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown version " + version + " of a dead-letter committable");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        DeadLetter letter = new DeadLetter();
        letter.key = readBytes(in);
        letter.value = readBytes(in);
        letter.sourceTopic = readString(in);
        letter.sourcePartition = in.readInt();
        letter.sourceOffset = in.readLong();
        letter.sourceTimestamp = in.readLong();
        letter.reason = readString(in);
        letter.message = readString(in);
        letter.rejectedAt = in.readLong();
        if (in.readBoolean()) {
            letter.replay = new ReplayProvenance(in.readInt(), readString(in), in.readInt(), in.readLong());
        }
        return letter;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void writeBytes(DataOutputSerializer out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputDeserializer in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    // writeUTF is limited to 65,535 bytes; a message or topic is short, but not promised to be.
    private static void writeString(DataOutputSerializer out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String readString(DataInputDeserializer in) throws IOException {
        byte[] bytes = readBytes(in);
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
