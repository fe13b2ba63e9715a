package newsdesk.analysis;

import java.io.Reader;
import java.util.List;

import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

/**
 * The `mapping` char filter: replaces each `from => to` of `mappings` in the text before it is
 * tokenised. Rules are plain text around `=>` (no escapes: the mapping needs none).
 */
@NamedComponent("mapping")
public final class MappingCharFilterFactory implements CharFilterFactory {
    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "mappings")
        List<String> mappings();
    }

    private final NormalizeCharMap map;

    @Inject
    public MappingCharFilterFactory(Settings settings) {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (String rule : settings.mappings()) {
            int arrow = rule.indexOf("=>");
            if (arrow < 0) {
                throw new IllegalArgumentException("mapping rule without `=>`: " + rule);
            }
            builder.add(rule.substring(0, arrow).trim(), rule.substring(arrow + 2).trim());
        }
        this.map = builder.build();
    }

    @Override
    public Reader create(Reader reader) {
        return new MappingCharFilter(map, reader);
    }

    // A query's prefix or wildcard is normalised as the indexed words were (as analysis-common does).
    @Override
    public Reader normalize(Reader reader) {
        return create(reader);
    }
}
