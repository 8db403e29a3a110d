package scot.sirgateway;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up's failure summary for missing settings: every one, with its property and environment variable. */
class RequiredSettingsFailureAnalyzer extends AbstractFailureAnalyzer<RequiredSettings.MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RequiredSettings.MissingSettingsException cause) {
        StringBuilder description = new StringBuilder("The gateway cannot start: ")
                .append(cause.missing().size() == 1 ? "a setting is" : cause.missing().size() + " settings are")
                .append(" missing.\n");
        for (RequiredSettings.Setting setting : cause.missing()) {
            description.append("\n    ").append(setting.property()).append("  (environment: ")
                    .append(setting.environmentVariable()).append(")\n        ").append(setting.what());
        }
        return new FailureAnalysis(description.toString(), "Set each one, as a property or as the environment "
                + "variable named, and start again. Nothing was read from or written to the database.", cause);
    }
}
