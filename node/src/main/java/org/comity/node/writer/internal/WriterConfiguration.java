package org.comity.node.writer.internal;

import org.comity.node.request.Instruments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The writer's advice on the channel: from the instrument files. */
@Configuration(proxyBeanMethods = false)
class WriterConfiguration {

    @Bean
    ChannelAdvice instrumentAdvice(Instruments instruments) {
        return new InstrumentAdvice(instruments);
    }
}
