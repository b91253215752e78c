package org.candor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.candor.contracts.Topics;
import org.candor.deploy.CandorServices.ServiceNeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationTls;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

class KafkaAccessTest {

    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final List<String> SERVICES = CandorServices.all().stream().map(ServiceNeeds::name).toList();

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyTopicInTheContractsAndTheConfigurationHasAKafkaTopic(String overlay) {
        Set<String> needed = new TreeSet<>(Topics.all());
        needed.addAll(CandorServices.configuredTopics());
        assertThat(topicNames(overlay)).containsAll(needed);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noKafkaTopicIsDeclaredThatNothingUses(String overlay) {
        Set<String> used = new TreeSet<>(Topics.all());
        used.addAll(CandorServices.configuredTopics());
        assertThat(used).containsAll(topicNames(overlay));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyKafkaTopicSetsPartitionsAndRetention(String overlay) {
        assertThat(Manifests.of(overlay).all(KafkaTopic.class)).allSatisfy(topic -> {
            assertThat(topic.getSpec().getPartitions()).as(topic.getSpec().getTopicName()).isPositive();
            assertThat(topic.getSpec().getConfig()).as(topic.getSpec().getTopicName()).containsKey("retention.ms");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka(overlay).getMetadata().getName());
        });
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noDeadLetterTopicKeepsRecordsLongerThanATopicItTakesThemFrom(String overlay) {
        Map<String, Long> retention = new java.util.HashMap<>();
        Manifests.of(overlay).all(KafkaTopic.class).forEach(topic -> retention.put(topic.getSpec().getTopicName(),
                Long.parseLong(String.valueOf(topic.getSpec().getConfig().get("retention.ms")))));
        List<CandorServices.Consumer> consumers = CandorServices.all().stream()
                .flatMap(service -> service.consumers().stream()).filter(c -> c.deadLetterTopic() != null).toList();
        assertThat(consumers).isNotEmpty();
        assertThat(consumers).allSatisfy(consumer -> assertThat(retention.get(consumer.deadLetterTopic()))
                .as("retention of %s, the dead letters of %s", consumer.deadLetterTopic(), consumer.topic())
                .isLessThanOrEqualTo(retention.get(consumer.topic())));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noTopicAsksForMoreReplicasThanThereAreBrokers(String overlay) {
        int brokers = Manifests.of(overlay).all(KafkaNodePool.class).stream()
                .filter(pool -> pool.getSpec().getRoles().toString().toLowerCase().contains("broker"))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum();
        assertThat(Manifests.of(overlay).all(KafkaTopic.class)).allSatisfy(topic -> {
            assertThat(topic.getSpec().getReplicas()).isLessThanOrEqualTo(brokers);
            assertThat(Integer.parseInt(String.valueOf(topic.getSpec().getConfig().get("min.insync.replicas"))))
                    .isLessThanOrEqualTo(topic.getSpec().getReplicas());
        });
    }

    @Test
    void inProductionEveryTopicKeepsThreeCopiesAndTwoInSync() {
        assertThat(Manifests.of("prod").all(KafkaTopic.class)).allSatisfy(topic -> {
            assertThat(topic.getSpec().getReplicas()).as(topic.getSpec().getTopicName()).isEqualTo(3);
            assertThat(String.valueOf(topic.getSpec().getConfig().get("min.insync.replicas"))).isEqualTo("2");
        });
        assertThat(kafka("prod").getSpec().getKafka().getConfig())
                .containsEntry("min.insync.replicas", 2)
                .containsEntry("default.replication.factor", 3)
                .containsEntry("offsets.topic.replication.factor", 3);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void clientsMustAuthenticateWithCertificatesAndAreAuthorisedByAcls(String overlay) {
        Kafka kafka = kafka(overlay);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(kafka.getSpec().getKafka().getListeners()).allSatisfy(listener -> {
            assertThat(listener.isTls()).as(listener.getName()).isTrue();
            assertThat(listener.getAuth()).as(listener.getName()).isInstanceOf(KafkaListenerAuthenticationTls.class);
        });
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceHasItsOwnKafkaUserWithACertificate(String service) {
        for (String overlay : OVERLAYS) {
            KafkaUser user = Manifests.of(overlay).named(KafkaUser.class, service);
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserTlsClientAuthentication.class);
            assertThat(user.getSpec().getAuthorization()).isInstanceOf(KafkaUserAuthorizationSimple.class);
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceMayReadExactlyTheTopicsItConsumes(String service) {
        for (String overlay : OVERLAYS) {
            assertThat(topics(acls(overlay, service), AclOperation.READ))
                    .as("%s: Read ACLs of KafkaUser %s (base/kafka/users.yaml) against the topics its application.properties consumes",
                            overlay, service)
                    .isEqualTo(CandorServices.named(service).consumedTopics());
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceMayUseExactlyTheConsumerGroupsOfItsConfiguration(String service) {
        for (String overlay : OVERLAYS) {
            Set<String> groups = acls(overlay, service).stream()
                    .filter(rule -> rule.getResource() instanceof AclRuleGroupResource)
                    .filter(rule -> rule.getOperations().contains(AclOperation.READ))
                    .map(rule -> groupName((AclRuleGroupResource) rule.getResource()))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(groups).as("%s: group ACLs of KafkaUser %s against its configured group.id values", overlay, service)
                    .isEqualTo(CandorServices.named(service).groups());
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceMayWriteWhatItsCodePublishesAndItsDeadLetterTopics(String service) {
        for (String overlay : OVERLAYS) {
            assertThat(topics(acls(overlay, service), AclOperation.WRITE)).as(overlay)
                    .containsAll(CandorServices.named(service).writtenTopics());
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void noServiceMayWriteToAnotherServicesTopics(String service) {
        ServiceNeeds needs = CandorServices.named(service);
        for (String overlay : OVERLAYS) {
            assertThat(topics(acls(overlay, service), AclOperation.WRITE)).as(overlay).allSatisfy(topic -> assertThat(
                    // Its own topics, and the request topic every service (notification's HTTP intake too) may send to.
                    topic.startsWith("candor." + needs.shortName() + ".") || topic.equals(Topics.NOTIFICATION_REQUESTS))
                    .as(topic).isTrue());
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void aclsNameSingleTopicsAndGroupsWithNoWildcardsOrAdminRights(String service) {
        for (String overlay : OVERLAYS) {
            assertThat(acls(overlay, service)).allSatisfy(rule -> {
                assertThat(rule.getResource()).isInstanceOfAny(AclRuleTopicResource.class, AclRuleGroupResource.class);
                AclResourcePatternType pattern = rule.getResource() instanceof AclRuleTopicResource t ? t.getPatternType()
                        : ((AclRuleGroupResource) rule.getResource()).getPatternType();
                String name = rule.getResource() instanceof AclRuleTopicResource t ? t.getName()
                        : ((AclRuleGroupResource) rule.getResource()).getName();
                // A prefix only for a consumer group per replica, which the exact group check requires from the configuration.
                if (rule.getResource() instanceof AclRuleTopicResource) {
                    assertThat(pattern).as(name).isEqualTo(AclResourcePatternType.LITERAL);
                }
                assertThat(name).isNotEmpty().doesNotContain("*");
                assertThat(rule.getOperations()).isSubsetOf(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
            });
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyKafkaUserBelongsToAService(String overlay) {
        assertThat(Manifests.of(overlay).all(KafkaUser.class)).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    static Kafka kafka(String overlay) {
        List<Kafka> all = Manifests.of(overlay).all(Kafka.class);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    static Set<String> topicNames(String overlay) {
        return Manifests.of(overlay).all(KafkaTopic.class).stream().map(t -> t.getSpec().getTopicName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<AclRule> acls(String overlay, String service) {
        KafkaUser user = Manifests.of(overlay).named(KafkaUser.class, service);
        return ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();
    }

    /** A group ACL's name, with {@code *} appended for a prefix, as {@link CandorServices#resolve} writes it. */
    static String groupName(AclRuleGroupResource group) {
        return group.getName() + (group.getPatternType() == AclResourcePatternType.PREFIX ? "*" : "");
    }

    static Set<String> topics(List<AclRule> acls, AclOperation operation) {
        return acls.stream()
                .filter(rule -> rule.getResource() instanceof AclRuleTopicResource)
                .filter(rule -> rule.getOperations().contains(operation))
                .map(rule -> ((AclRuleTopicResource) rule.getResource()).getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<GenericKafkaListener> listeners(String overlay) {
        return kafka(overlay).getSpec().getKafka().getListeners();
    }
}
