package org.comity.node.writer.internal;

import org.comity.node.knowledge.ChannelAdvisor;
import org.comity.node.knowledge.CountryProfiles;
import org.comity.node.request.Instruments;
import org.comity.node.writer.RequirementsSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The writer's sources in the knowledge base: the channel advisor for step 1, the country profiles for step 2. */
@Configuration(proxyBeanMethods = false)
class WriterConfiguration {

    @Bean
    ChannelAdvice channelAdvice(ChannelAdvisor advisor, Instruments instruments) {
        return new AdvisorAdvice(advisor, instruments);
    }

    @Bean
    RequirementsSource requirementsSource(CountryProfiles profiles) {
        return new ProfileRequirements(profiles);
    }
}
