package newsdesk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.IntSetting;

/** The `length` token filter: drops tokens shorter than `min` or longer than `max` characters. */
@NamedComponent("length")
public final class LengthFilterFactory implements TokenFilterFactory {
    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min", defaultValue = 0)
        int min();

        @IntSetting(path = "max", defaultValue = Integer.MAX_VALUE)
        int max();
    }

    private final int min;
    private final int max;

    @Inject
    public LengthFilterFactory(Settings settings) {
        this.min = settings.min();
        this.max = settings.max();
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new LengthFilter(input, min, max);
    }
}
