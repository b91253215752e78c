-- Submitted responses not yet counted in the rollup. A submission only appends here, so it locks no
-- row another submission needs; a job (and every statistics read) folds them into the rollup in
-- batches, one upsert per rollup key.
CREATE TABLE rollup_pending (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    response_id uuid NOT NULL
);
