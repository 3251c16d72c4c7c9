package io.regla.adapters.eml;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.util.MimeUtil;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileNameProperties {

    @Property(tries = 500)
    void distinctKeysGetDistinctSafeNames(@ForAll @StringLength(min = 1, max = 300) String a,
                                          @ForAll @StringLength(min = 1, max = 300) String b) {
        String nameA = EmlMailer.fileName(a);
        String nameB = EmlMailer.fileName(b);

        assertThat(nameA.equals(nameB)).isEqualTo(a.equals(b));
        for (String name : new String[]{nameA, nameB}) {
            assertThat(name).matches("[A-Za-z0-9_%~-][A-Za-z0-9._%~-]*\\.eml").hasSizeLessThan(255);
            assertThat(Path.of("/outbox").resolve(name).normalize().getParent()).isEqualTo(Path.of("/outbox"));
        }
    }

    @Property(tries = 300)
    void quotedPrintableLinesStayShortAndAscii(@ForAll @StringLength(max = 400) String text) {
        for (String line : Rfc822.quotedPrintable(text).split("\r\n", -1)) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            assertThat(line.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))).as("ASCII only, tab allowed: %s", line).isTrue();
        }
    }

    @Property(tries = 300)
    void headerValuesDecodeBackAndCannotBreakTheHeader(@ForAll @StringLength(max = 300) String value) {
        Assume.that(value.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        String encoded = Rfc822.headerValue(value);

        assertThat(DecoderUtil.decodeEncodedWords(MimeUtil.unfold(encoded), DecodeMonitor.SILENT)).isEqualTo(value);
        for (String line : encoded.split("\r\n", -1)) {
            assertThat(line).doesNotContain("\r").doesNotContain("\n");
            assertThat(line.length()).isLessThanOrEqualTo(900);
        }
        String[] lines = encoded.split("\r\n", -1);
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).as("folded continuation line").startsWith(" ");
        }
    }
}
