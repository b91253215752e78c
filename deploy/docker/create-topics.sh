#!/bin/sh
# Creates every topic of kubernetes/base/kafka/topics.yaml (mounted at /topics.yaml) with its partitions and
# retention, one copy: the one definition of Candor's topics, shared with the Kubernetes manifests.
set -eu
BOOTSTRAP=${BOOTSTRAP:-kafka:9092}
awk '
  /^---/ { if (name != "") print name, partitions, retention; name = ""; partitions = ""; retention = "" }
  /^  topicName:/ { name = $2 }
  /^  partitions:/ { partitions = $2 }
  /^    retention.ms:/ { retention = $2 }
  END { if (name != "") print name, partitions, retention }
' /topics.yaml | while read -r name partitions retention; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 ${retention:+--config retention.ms=$retention}
done
