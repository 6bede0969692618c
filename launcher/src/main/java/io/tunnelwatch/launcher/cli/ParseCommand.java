package io.tunnelwatch.launcher.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.collector.parse.SyslogMessage;
import io.tunnelwatch.collector.syslog.DeviceResolver;
import io.tunnelwatch.collector.syslog.LineOutcome;
import io.tunnelwatch.collector.syslog.SyslogLineReader;
import io.tunnelwatch.events.json.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tunnelwatch parse [FILE…]}: syslog lines in (wire form, relayed, or pasted from {@code show logging}), one
 * JSON object per line out, read by the collector's own {@link SyslogLineReader}, so what this prints is what the
 * collector would publish. Nothing is sent anywhere.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Reads syslog lines from files or stdin and prints one JSON object per line: the tunnel event"
                + " the collector would publish, {\"kind\":\"ignored\",…} for Cisco messages that are not about"
                + " crypto, or {\"kind\":\"unparsed\",…} for lines that are not Cisco messages.")
public final class ParseCommand implements Callable<Integer> {

    /** The device assumed when none is given: then a line's origin-id names its device. */
    static final String CONSOLE = "console";
    /** The {@code transport} of events read here. */
    static final String TRANSPORT = "parse";

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Files of syslog lines; '-' or none: stdin.")
    List<Path> files = List.of();

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Inventory YAML, for device names and tunnel interfaces.")
    Path inventory;

    @Option(names = "--device", paramLabel = "NAME", defaultValue = CONSOLE,
            description = "The device the lines come from: an inventory name or address, or any label"
                    + " (default: ${DEFAULT-VALUE}, which lets a line's origin-id name it).")
    String device;

    @Override
    public Integer call() throws IOException {
        Inventory devices = inventory == null ? Inventory.empty() : InventoryLoader.load(inventory);
        for (Path file : files) {
            if (!isStdin(file) && !Files.isReadable(file)) {
                throw new IllegalArgumentException(file + ": no such file or not readable");
            }
        }
        SyslogLineReader reader = new SyslogLineReader(resolver(devices), Clock.systemUTC());
        Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8));
        List<Path> inputs = files.isEmpty() ? List.of(Path.of("-")) : files;
        try {
            for (Path file : inputs) {
                boolean stdin = isStdin(file);
                try (BufferedReader in = stdin
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        String answer = json(reader.read(line, device, TRANSPORT), line);
                        write(out, answer, stdin);
                    }
                }
            }
            write(out, null, true);
        } catch (OutputClosed e) {
            // The reader went away (`tunnelwatch parse big.log | head`): stop quietly, as cat and grep do.
            return 0;
        }
        return 0;
    }

    /** Writes one answer (or only flushes, for null); a failed write means nobody reads our output any more. */
    private static void write(Writer out, String answer, boolean flush) throws OutputClosed {
        try {
            if (answer != null) {
                out.write(answer);
                out.write('\n');
            }
            if (flush) {
                // Interactive use: show each answer as soon as its line is typed.
                out.flush();
            }
        } catch (IOException e) {
            throw new OutputClosed();
        }
    }

    /** Standard output was closed by its reader. */
    private static final class OutputClosed extends Exception {
        OutputClosed() {
            super(null, null, false, false);
        }
    }

    /**
     * The inventory's identity rules with {@code --device} as the sender. An explicit {@code --device} names the
     * device outright; the default lets the line's origin-id name it, as the collector does.
     */
    private DeviceResolver resolver(Inventory devices) {
        DeviceResolver byInventory = DeviceResolver.from(devices);
        boolean explicit = !CONSOLE.equals(device);
        return new DeviceResolver() {
            @Override
            public String deviceFor(String senderIp, String originId) {
                return byInventory.deviceFor(senderIp, explicit ? null : originId);
            }

            @Override
            public boolean inInventory(String name) {
                return byInventory.inInventory(name);
            }

            @Override
            public boolean hasInventory() {
                return byInventory.hasInventory();
            }

            @Override
            public Optional<String> peerOnTunnel(String name, String interfaceName) {
                return byInventory.peerOnTunnel(name, interfaceName);
            }

            @Override
            public Optional<String> peerReaching(String name, String neighbor) {
                return byInventory.peerReaching(name, neighbor);
            }
        };
    }

    /** The JSON line for one outcome; public shape documented in docs/configuration.md "tunnelwatch parse". */
    static String json(LineOutcome outcome, String line) throws JsonProcessingException {
        ObjectMapper json = Json.mapper();
        if (outcome instanceof LineOutcome.Event e) {
            return json.writeValueAsString(e.event());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (outcome instanceof LineOutcome.Ignored i) {
            SyslogMessage m = i.message();
            out.put("kind", "ignored");
            out.put("reason", "not_crypto");
            out.put("device", i.device());
            out.put("mnemonic", m.fullMnemonic());
            out.put("severity", m.severity());
            out.put("text", m.text());
        } else if (outcome instanceof LineOutcome.Unparsed u) {
            out.put("kind", "unparsed");
            out.put("reason", u.reason().label());
        }
        out.put("line", line);
        return json.writeValueAsString(out);
    }

    private static boolean isStdin(Path file) {
        return "-".equals(file.toString());
    }
}
