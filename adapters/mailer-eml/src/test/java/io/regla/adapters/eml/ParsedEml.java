package io.regla.adapters.eml;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.MimeUtil;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An .eml file read back by Apache James mime4j, an RFC 822/MIME parser independent of the writer. */
record ParsedEml(Map<String, String> headers, List<String> headerNames, String body) {

    static ParsedEml read(Path file) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        MimeStreamParser parser = new MimeStreamParser();
        parser.setContentDecoding(true);
        parser.setContentHandler(new AbstractContentHandler() {
            @Override
            public void field(Field field) {
                names.add(field.getName());
                headers.put(field.getName(), DecoderUtil.decodeEncodedWords(MimeUtil.unfold(field.getBody()), DecodeMonitor.SILENT));
            }

            @Override
            public void body(BodyDescriptor bd, InputStream is) throws java.io.IOException {
                body.append(new String(is.readAllBytes(), bd.getCharset() == null ? "US-ASCII" : bd.getCharset()));
            }
        });
        try (InputStream in = Files.newInputStream(file)) {
            parser.parse(in);
        }
        return new ParsedEml(headers, names, body.toString());
    }
}
