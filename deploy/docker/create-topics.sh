#!/bin/sh
# Creates every topic of kubernetes/base/kafka/topics.yaml (mounted at /topics.yaml) with its partitions and
# retention and cleanup policy, one copy: the one definition of Candor's topics, shared with the Kubernetes manifests.
set -eu
BOOTSTRAP=${BOOTSTRAP:-kafka:9092}
awk '
  /^---/ { if (name != "") print name, partitions, retention, policy; name = ""; partitions = ""; retention = ""; policy = "" }
  /^  topicName:/ { name = $2 }
  /^  partitions:/ { partitions = $2 }
  /^    retention.ms:/ { retention = $2 }
  /^    cleanup.policy:/ { policy = $2 }
  END { if (name != "") print name, partitions, retention, policy }
' /topics.yaml | while read -r name partitions retention policy; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 ${retention:+--config retention.ms=$retention} \
    ${policy:+--config cleanup.policy=$policy}
done
