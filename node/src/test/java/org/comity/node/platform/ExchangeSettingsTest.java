package org.comity.node.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The exchange's settings as an operator writes them (relaxed binding, as from the environment), with their defaults and limits. */
class ExchangeSettingsTest {

    private static ComityProperties.Exchange bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("comity.exchange", ComityProperties.Exchange.class);
    }

    @Test
    void defaultsHoldWhenNothingIsSet() {
        ComityProperties.Exchange exchange = bind(Map.of());
        assertThat(exchange.lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(exchange.peerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(exchange.batchSize()).isEqualTo(64);
        assertThat(exchange.batchesPerPeer()).isEqualTo(1);
    }

    @Test
    void aLeaseIsSetAndMustCoverTwicePeerTimeout() {
        assertThat(bind(Map.of("comity.exchange.lease", "10s", "comity.exchange.peer-timeout", "5s")).lease()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> bind(Map.of("comity.exchange.lease", "15s")))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comity.exchange.lease");
    }
}
