package newsdesk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;

/** The `snowball` token filter, for the languages Newsdesk stems. */
@NamedComponent("snowball")
public final class SnowballFilterFactory implements TokenFilterFactory {
    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "English")
        String language();
    }

    private final String language;

    @Inject
    public SnowballFilterFactory(Settings settings) {
        this.language = settings.language();
        stemmer();  // refuse an unknown language when the index is created, not at search time
    }

    private SnowballStemmer stemmer() {
        return switch (language) {
            case "English" -> new EnglishStemmer();
            case "Russian" -> new RussianStemmer();
            default -> throw new IllegalArgumentException("snowball language must be English or Russian, not " + language);
        };
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new SnowballFilter(input, stemmer());
    }
}
