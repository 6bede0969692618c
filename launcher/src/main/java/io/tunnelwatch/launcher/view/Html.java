package io.tunnelwatch.launcher.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The few pieces of HTML the pages share: escaping (device names, peer names and syslog text come from the network,
 * so every text goes through {@link #escape}), links to a peer page, and the page frame with its inline CSS (no
 * script, no external asset: the pages work from a jump host without internet).
 */
final class Html {

    private static final String CSS = """
            body{font:15px/1.45 system-ui,sans-serif;margin:1.2em auto;max-width:72em;padding:0 1em;color:#111}
            h1{font-size:1.35em;margin:.3em 0}h2{font-size:1.1em;margin:1.4em 0 .4em;border-bottom:1px solid #ccc}
            nav a{margin-right:1em}table{border-collapse:collapse;width:100%}
            th,td{text-align:left;vertical-align:top;padding:.25em .6em;border-bottom:1px solid #e4e4e4}
            th{white-space:nowrap}.lines,pre{font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap}
            ul.lines{list-style:none;padding-left:1em;margin:.2em 0}pre{background:#f4f4f4;padding:.6em}
            .critical{color:#b00020;font-weight:bold}.warning{color:#8a5a00;font-weight:bold}
            .ok{color:#1b6e20}.note{color:#555}.when{white-space:nowrap;color:#333}
            ol.timeline{padding-left:1.4em}ol.timeline li{margin-bottom:.5em}
            """;

    private Html() {
    }

    /** Text as HTML text or attribute value: {@code & < > " '} escaped; null as nothing. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The path of a peer's page, each name URL-encoded as one path segment. */
    static String peerPath(String device, String peer) {
        return "/peers/" + segment(device) + "/" + segment(peer);
    }

    /** A link, its target and its text escaped. */
    static String link(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    /** A whole page: {@code title} is text, {@code body} HTML already escaped. */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + CSS + "</style></head>\n<body>\n"
                + "<nav>" + link("/", "fleet") + link("/metrics", "/metrics") + link("/readyz", "/readyz")
                + link("/healthz", "/healthz") + "</nav>\n" + body + "</body></html>\n";
    }

    /** {@code items} as a list of lines in a monospace font, each escaped. */
    static String lines(Iterable<String> items) {
        StringBuilder out = new StringBuilder("<ul class=\"lines\">");
        items.forEach(item -> out.append("<li>").append(escape(item)).append("</li>"));
        return out.append("</ul>\n").toString();
    }

    private static String segment(String name) {
        // URLEncoder encodes for a form: a space becomes '+', which a path keeps as a plus.
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
