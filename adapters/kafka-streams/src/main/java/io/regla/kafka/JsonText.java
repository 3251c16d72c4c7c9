package io.regla.kafka;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The input topics' values: UTF-8 text that must be one well-formed JSON document. A poison pill (not JSON,
 * cut short, two documents) fails here, in deserialization, so Kafka Streams hands it to the
 * {@link DeadLetterHandler} with the position of the error, and it never reaches the processor.
 */
public final class JsonText implements Deserializer<String> {

    @Override
    public String deserialize(String topic, byte[] data) {
        if (data == null) return null; // a tombstone: the processor decides what it means
        String text = new String(data, StandardCharsets.UTF_8);
        try (JsonParser p = LoyaltyEvents.JSON.createParser(data)) {
            if (p.nextToken() == null) throw new SerializationException("malformed JSON: empty value");
            p.skipChildren();
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new SerializationException("malformed JSON at line " + p.currentLocation().getLineNr() + ", column "
                        + p.currentLocation().getColumnNr() + ": more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new SerializationException("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SerializationException("unreadable value: " + e.getMessage());
        }
        return text;
    }
}
