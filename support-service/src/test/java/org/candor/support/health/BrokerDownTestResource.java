package org.candor.support.health;

import java.util.HashMap;
import java.util.Map;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.FreePorts;

/** The real PostgreSQL database of {@link CandorTestResource}, but a Kafka address where no broker answers. */
public class BrokerDownTestResource extends CandorTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.next());
        return config;
    }
}
