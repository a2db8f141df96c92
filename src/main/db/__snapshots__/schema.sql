CREATE UNIQUE INDEX `audit_log_hash_unique` on `audit_log` (`hash`);
CREATE INDEX `check_flag_journeys_flag_id_index` on `check_flag_journeys` (`flag_id`);
CREATE INDEX `check_flag_journeys_natural_key_index` on `check_flag_journeys` (`natural_key`);
CREATE INDEX `check_flag_persons_flag_id_index` on `check_flag_persons` (`flag_id`);
CREATE INDEX `check_flag_persons_person_index` on `check_flag_persons` (`person`);
CREATE INDEX `check_flags_current_check_id_index` on `check_flags` (`current`, `check_id`);
CREATE INDEX `check_flags_run_id_check_id_index` on `check_flags` (`run_id`, `check_id`);
CREATE INDEX `import_batches_status_index` on `import_batches` (`status`);
CREATE INDEX `import_staged_updates_batch_id_index` on `import_staged_updates` (`batch_id`);
CREATE INDEX `jobs_started_at_index` on `jobs` (`started_at`);
CREATE INDEX `jobs_status_index` on `jobs` (`status`);
CREATE UNIQUE INDEX `operators_name_unique` on `operators` (`name`);
CREATE INDEX `people_first_first_at_index` on `people_first` (`first_at`);
CREATE INDEX `rejected_rows_batch_id_index` on `rejected_rows` (`batch_id`);
CREATE INDEX `rejected_rows_reason_index` on `rejected_rows` (`reason`);
CREATE INDEX `review_decisions_subject_kind_subject_key_id_index` on `review_decisions` (`subject_kind`, `subject_key`, `id`);
CREATE INDEX `stats_day_day_index` on `stats_day` (`day`);
CREATE INDEX `trips_batch_id_index` on `trips` (`batch_id`);
CREATE INDEX `trips_driver_identity_key_index` on `trips` (`driver_identity_key`);
CREATE INDEX trips_driver_user_person ON trips (('u:' || operator_id || ':' || operator_driver_id)) WHERE driver_identity_key IS NULL;
CREATE UNIQUE INDEX `trips_natural_key_unique` on `trips` (`natural_key`);
CREATE INDEX `trips_operator_id_operator_driver_id_index` on `trips` (`operator_id`, `operator_driver_id`);
CREATE INDEX `trips_operator_id_operator_passenger_id_index` on `trips` (`operator_id`, `operator_passenger_id`);
CREATE INDEX `trips_passenger_identity_key_index` on `trips` (`passenger_identity_key`);
CREATE INDEX trips_passenger_user_person ON trips (('u:' || operator_id || ':' || operator_passenger_id)) WHERE passenger_identity_key IS NULL;
CREATE INDEX `trips_start_at_index` on `trips` (`start_at`);
CREATE INDEX trips_start_local ON trips (start_local);
CREATE TABLE `aom_communes` (`commune` text, `aom` text not null, `aom_name` text, `source` text not null, `updated_at` text not null, primary key (`commune`));
CREATE TABLE `aom_names_learned` (`commune` text not null, `aom_name` text not null, `seen` integer not null, primary key (`commune`, `aom_name`));
CREATE TABLE `audit_log` (`id` integer not null primary key autoincrement, `at` text not null, `actor` text not null, `action` text not null, `entity` text not null, `entity_id` text, `before_json` text, `after_json` text, `prev_hash` text not null, `hash` text not null);
CREATE TABLE `check_flag_journeys` (`flag_id` integer not null, `natural_key` text not null, foreign key(`flag_id`) references `check_flags`(`id`) on delete CASCADE);
CREATE TABLE `check_flag_persons` (`flag_id` integer not null, `person` text not null, foreign key(`flag_id`) references `check_flags`(`id`) on delete CASCADE);
CREATE TABLE `check_flags` (`id` integer not null primary key autoincrement, `run_id` integer not null, `check_id` text not null, `severity` text not null, `journey_keys_json` text not null, `persons_json` text not null, `evidence_json` text not null, `current` integer not null default '0', `first_day` text, `last_day` text, foreign key(`run_id`) references `check_runs`(`id`) on delete CASCADE);
CREATE TABLE `check_runs` (`id` integer not null primary key autoincrement, `job_id` text, `from_day` text, `to_day` text, `parameters_json` text not null, `trips` integer not null, `flags` integer not null, `created_at` text not null, `quality_json` text);
CREATE TABLE `demo_labels` (`natural_key` text, `check_ids_json` text not null, primary key (`natural_key`));
CREATE TABLE `import_batches` (`id` integer not null primary key autoincrement, `job_id` text, `source` text not null, `format` text not null, `content_hash` text, `status` text not null, `period_from` text, `period_to` text, `rows_read` integer not null default '0', `rows_inserted` integer not null default '0', `rows_updated` integer not null default '0', `rows_unchanged` integer not null default '0', `rows_rejected` integer not null default '0', `started_at` text not null, `ended_at` text, `file_name` text, `file_size` integer, `error` text, `unresolved_codes_json` text);
CREATE TABLE `import_staged_updates` (`batch_id` integer not null, `natural_key` text not null, `row_json` text not null, foreign key(`batch_id`) references `import_batches`(`id`));
CREATE TABLE `jobs` (`id` text, `kind` text not null, `status` text not null, `params_json` text not null, `summary_json` text, `error` text, `started_at` text not null, `ended_at` text, `current` integer not null default '0', `total` integer not null default '0', `step` text, `owner_pid` integer, primary key (`id`));
CREATE TABLE `operators` (`id` integer not null primary key autoincrement, `name` text not null, `registry_uuid` text);
CREATE TABLE `people_first` (`role` text not null, `person` text not null, `first_at` text not null, `natural_key` text not null, primary key (`role`, `person`));
CREATE TABLE `rejected_rows` (`id` integer not null primary key autoincrement, `batch_id` integer not null, `file_name` text not null, `line` integer not null, `field` text, `reason` text not null, `detail` text, `raw` text not null, foreign key(`batch_id`) references `import_batches`(`id`));
CREATE TABLE `review_decisions` (`id` integer not null primary key autoincrement, `subject_kind` text not null, `subject_key` text not null, `decision` text not null, `comment` text not null, `actor` text not null, `decided_at` text not null, `previous_id` integer, `audit_id` integer not null, foreign key(`previous_id`) references `review_decisions`(`id`));
CREATE TABLE `settings` (`key` text, `value_json` text not null, `updated_at` text not null, primary key (`key`));
CREATE TABLE `simulations` (`id` integer not null primary key autoincrement, `name` text not null, `campaign_id` text not null, `campaign_name` text not null, `from_day` text not null, `to_day` text not null, `definition_json` text not null, `request_json` text not null, `job_id` text, `result_json` text, `created_at` text not null);
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE `stats_com_month` (`level` text not null, `code` text not null, `direction` text not null, `month` text not null, `com` text not null, `journeys` integer not null, primary key (`level`, `code`, `direction`, `month`, `com`));
CREATE TABLE `stats_day` (`level` text not null, `code` text not null, `direction` text not null, `day` text not null, `journeys` integer not null, `trips` integer not null, `seats` integer not null, `distance_m` integer not null, `seat_distance_m` integer not null, `duration_s` integer not null, `rpc_cents` integer not null, `op_cents` integer not null, `incented` integer not null, `d0` integer not null, `d10` integer not null, `d20` integer not null, `d30` integer not null, `d40` integer not null, `d50` integer not null, primary key (`level`, `code`, `direction`, `day`));
CREATE TABLE `stats_flow_month` (`level` text not null, `code` text not null, `month` text not null, `com_1` text not null, `com_2` text not null, `journeys` integer not null, `seats` integer not null, `distance_m` integer not null, primary key (`level`, `code`, `month`, `com_1`, `com_2`));
CREATE TABLE `stats_hour_month` (`level` text not null, `code` text not null, `direction` text not null, `month` text not null, `hour` integer not null, `journeys` integer not null, primary key (`level`, `code`, `direction`, `month`, `hour`));
CREATE TABLE `stats_newcomers_day` (`level` text not null, `code` text not null, `direction` text not null, `day` text not null, `new_drivers` integer not null, `new_passengers` integer not null, primary key (`level`, `code`, `direction`, `day`));
CREATE TABLE `stats_op_month` (`level` text not null, `code` text not null, `direction` text not null, `month` text not null, `operator_id` integer not null, `operator_class` text not null, `journeys` integer not null, `rpc_cents` integer not null, primary key (`level`, `code`, `direction`, `month`, `operator_id`, `operator_class`));
CREATE TABLE `stats_people_month` (`level` text not null, `code` text not null, `direction` text not null, `month` text not null, `drivers` integer not null, `passengers` integer not null, primary key (`level`, `code`, `direction`, `month`));
CREATE TABLE `trips` (`id` integer not null primary key autoincrement, `natural_key` text not null, `journey_id` bigint, `operator_id` integer, `operator_journey_id` text, `operator_trip_id` text, `operator_class` text, `status` text, `acquisition_status` text, `fraud_status` text, `anomaly_status` text, `start_at` text not null, `end_at` text, `start_local` text not null, `end_local` text, `duration_s` integer, `distance_m` integer, `start_lat` float, `start_lon` float, `start_insee` text, `start_com` text, `start_epci` text, `start_aom` text, `start_dep` text, `start_reg` text, `start_country` text, `end_lat` float, `end_lon` float, `end_insee` text, `end_com` text, `end_epci` text, `end_aom` text, `end_dep` text, `end_reg` text, `end_country` text, `seats` integer, `driver_identity_key` text, `passenger_identity_key` text, `operator_driver_id` text, `operator_passenger_id` text, `driver_revenue_cents` integer, `passenger_contribution_cents` integer, `cee_application` integer, `has_incentive` integer, `op_incentive_0_siret` text, `op_incentive_0_name` text, `op_incentive_0_cents` integer, `op_incentive_1_siret` text, `op_incentive_1_name` text, `op_incentive_1_cents` integer, `op_incentive_2_siret` text, `op_incentive_2_name` text, `op_incentive_2_cents` integer, `rpc_incentive_0_campaign_id` text, `rpc_incentive_0_campaign_name` text, `rpc_incentive_0_siret` text, `rpc_incentive_0_name` text, `rpc_incentive_0_cents` integer, `rpc_incentive_1_campaign_id` text, `rpc_incentive_1_campaign_name` text, `rpc_incentive_1_siret` text, `rpc_incentive_1_name` text, `rpc_incentive_1_cents` integer, `rpc_incentive_2_campaign_id` text, `rpc_incentive_2_campaign_name` text, `rpc_incentive_2_siret` text, `rpc_incentive_2_name` text, `rpc_incentive_2_cents` integer, `batch_id` integer not null, `source_line` integer, `row_hash` text, foreign key(`operator_id`) references `operators`(`id`), foreign key(`batch_id`) references `import_batches`(`id`));
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
     BEGIN SELECT RAISE(ABORT, 'review_decisions est en ajout seul : une révision est une nouvelle décision'); END;
CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
     BEGIN SELECT RAISE(ABORT, 'review_decisions est en ajout seul : une révision est une nouvelle décision'); END;
CREATE VIEW excluded_trips AS
     SELECT t.id AS trip_id FROM review_current c JOIN trips t ON t.natural_key = c.subject_key
       WHERE c.subject_kind = 'journey' AND c.decision = 'confirmed'
     UNION SELECT t.id FROM review_current c JOIN trips t ON t.driver_identity_key = c.subject_key
       WHERE c.subject_kind = 'person' AND c.decision = 'confirmed'
       AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.subject_kind = 'journey' AND d.subject_key = t.natural_key)
     UNION SELECT t.id FROM review_current c JOIN trips t ON t.passenger_identity_key = c.subject_key
       WHERE c.subject_kind = 'person' AND c.decision = 'confirmed'
       AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.subject_kind = 'journey' AND d.subject_key = t.natural_key)
     UNION SELECT t.id FROM review_current c JOIN trips t ON t.driver_identity_key IS NULL AND 'u:' || t.operator_id || ':' || t.operator_driver_id = c.subject_key
       WHERE c.subject_kind = 'person' AND c.decision = 'confirmed' AND c.subject_key LIKE 'u:%'
       AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.subject_kind = 'journey' AND d.subject_key = t.natural_key)
     UNION SELECT t.id FROM review_current c JOIN trips t ON t.passenger_identity_key IS NULL AND 'u:' || t.operator_id || ':' || t.operator_passenger_id = c.subject_key
       WHERE c.subject_kind = 'person' AND c.decision = 'confirmed' AND c.subject_key LIKE 'u:%'
       AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.subject_kind = 'journey' AND d.subject_key = t.natural_key);
CREATE VIEW review_current AS
     SELECT d.* FROM review_decisions d
     WHERE d.id = (SELECT MAX(x.id) FROM review_decisions x WHERE x.subject_kind = d.subject_kind AND x.subject_key = d.subject_key)