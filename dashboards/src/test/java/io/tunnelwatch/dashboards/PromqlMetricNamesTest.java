package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlMetricNamesTest {

    @Test
    void shouldFindTheMetricOfAPlainSelectorButNoLabelNameOrValue() {
        assertThat(PromqlMetricNames.of("tunnelwatch_peer_alert{alert=\"DecapsStalled\", device=~\"rtr-.+\"} == 1"))
                .containsExactly("tunnelwatch_peer_alert");
    }

    @Test
    void shouldSkipFunctionsAggregationsAndTheirLabelLists() {
        assertThat(PromqlMetricNames.of(
                "histogram_quantile(0.9, sum by (le) (rate(tunnelwatch_snmp_poll_duration_seconds_bucket[5m])))"))
                .containsExactly("tunnelwatch_snmp_poll_duration_seconds_bucket");
        assertThat(PromqlMetricNames.of("max without(instance, pod) (up) or on () vector(0)"))
                .containsExactly("up");
    }

    @Test
    void shouldSkipKeywordsNumbersDurationsAndStrings() {
        assertThat(PromqlMetricNames.of("a > bool 5 and b offset 5m unless c{x=\"d e\"} > 1e3 or label_replace(f,"
                + " \"dst\", \"$1\", \"src\", \"(g)\") * +Inf"))
                .containsExactly("a", "b", "c", "f");
    }

    @Test
    void shouldSkipGroupModifiersWithTheirLabelLists() {
        assertThat(PromqlMetricNames.of("a * on (device) group_left (layer, peer) b / ignoring(x) c"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void shouldKeepRecordingRuleNamesWithTheirColons() {
        assertThat(PromqlMetricNames.of("deriv(instance:kafka_consumer_fetch_manager_records_lag_max:max[10m:1m])"))
                .containsExactly("instance:kafka_consumer_fetch_manager_records_lag_max:max");
    }

    @Test
    void shouldNotBeFooledByBracketsInsideLabelValues() {
        assertThat(PromqlMetricNames.of("max(lag{client_id=~\".+-StreamThread-[0-9]+-consumer\"}) > other{a=\"}\"}"))
                .containsExactly("lag", "other");
    }
}
