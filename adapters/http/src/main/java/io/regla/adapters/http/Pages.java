package io.regla.adapters.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * Server-rendered pages: JTE templates precompiled at build time ({@code src/main/jte}, HTML-escaped by default).
 * Every page gets a {@link Frame} (title, who is signed in, the CSRF token for its forms, the navigation).
 */
public final class Pages {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    /** A navigation link. */
    public record Link(String href, String label) {
    }

    /** What the layout shows around a page. */
    public record Frame(String title, Principal user, List<Link> nav) {

        public String csrf() {
            return user == null || user.csrf() == null ? "" : user.csrf();
        }

        public String username() {
            return user == null ? "" : user.name();
        }
    }

    private Pages() {
    }

    public static void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        ctx.html(out.toString());
    }

    public static String renderToString(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
