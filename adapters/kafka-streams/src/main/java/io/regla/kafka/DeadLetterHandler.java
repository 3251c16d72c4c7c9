package io.regla.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record that cannot be deserialized (a poison pill) goes to the dead-letter topic
 * ({@code errors.dead.letter.queue.topic.name}) in the same shape as the processor's dead letters, and the
 * stream goes on. With exactly-once the dead letter commits with the input offset that skips the record.
 * The log names where the record is, never what it says (it may hold personal data).
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (t == null || t.toString().isBlank()) {
            throw new IllegalArgumentException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " is required by " + getClass().getSimpleName());
        }
        topic = t.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("dead letter: {}-{}@{} cannot be deserialized ({})", record.topic(), record.partition(), record.offset(),
                exception.getClass().getSimpleName());
        String reason = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        byte[] value = LoyaltyEvents.write(letter(record.topic(), record.partition(), record.offset(), reason,
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        return Response.resume(List.of(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), value)));
    }

    /** The dead letters' JSON: where the record was, why it is here, and the record itself. */
    static Map<String, Object> letter(String topic, Integer partition, Long offset, String reason, String record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", topic);
        if (partition != null) out.put("partition", partition);
        if (offset != null) out.put("offset", offset);
        out.put("reason", reason);
        out.put("record", record);
        return out;
    }
}
