package newsdesk.analysis;

import java.util.regex.Pattern;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** The `pattern` tokenizer: splits on a regular expression. */
@NamedComponent("pattern")
public final class PatternTokenizerFactory implements TokenizerFactory {
    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "pattern", defaultValue = "\\W+")
        String pattern();
    }

    private final Pattern pattern;

    @Inject
    public PatternTokenizerFactory(Settings settings) {
        this.pattern = Pattern.compile(settings.pattern());
    }

    @Override
    public Tokenizer create() {
        return new PatternTokenizer(pattern, -1);
    }
}
