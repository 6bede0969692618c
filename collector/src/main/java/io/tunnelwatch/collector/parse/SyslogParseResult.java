package io.tunnelwatch.collector.parse;


/** Either a parsed message or the reason a line could not be read; reasons are a bounded set, fit for labels. */
public sealed interface SyslogParseResult {

    record Parsed(SyslogMessage message) implements SyslogParseResult {
    }

    record Unparsed(Reason reason) implements SyslogParseResult {
    }

    /** Why a line was not parsed; the lower-case name is the {@code reason} label. */
    enum Reason {
        EMPTY,
        NO_CISCO_MNEMONIC;

        /** Made once: labels are asked for on every line. */
        private final String label = name().toLowerCase(java.util.Locale.ROOT);

        public String label() {
            return label;
        }
    }
}
