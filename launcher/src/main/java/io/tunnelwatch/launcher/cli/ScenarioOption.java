package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.simulator.scenario.Scenario;
import io.tunnelwatch.simulator.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reads {@code --scenario}: a YAML file, or the name of a built-in scenario ({@code demo}, {@code every-fault}, {@code soak}). */
final class ScenarioOption {

    private ScenarioOption() {
    }

    static Scenario load(String nameOrFile, CommandSpec spec) {
        try {
            Path file = Path.of(nameOrFile);
            return Files.exists(file) ? ScenarioLoader.load(file) : ScenarioLoader.builtIn(nameOrFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scenario " + nameOrFile + ": " + e.getMessage());
        }
    }
}
