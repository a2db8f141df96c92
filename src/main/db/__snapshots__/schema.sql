CREATE UNIQUE INDEX `attestations_code_unique` on `attestations` (`code`);
CREATE UNIQUE INDEX `attestations_id_unique` on `attestations` (`id`);
CREATE INDEX `attestations_issued_at_index` on `attestations` (`issued_at`);
CREATE INDEX `attestations_person_index` on `attestations` (`person`);
CREATE UNIQUE INDEX `audit_log_hash_unique` on `audit_log` (`hash`);
CREATE UNIQUE INDEX `campaign_persons_person_unique` on `campaign_persons` (`person`);
CREATE INDEX `check_flag_journeys_flag_id_index` on `check_flag_journeys` (`flag_id`);
CREATE INDEX `check_flag_journeys_natural_key_index` on `check_flag_journeys` (`natural_key`);
CREATE INDEX `check_flag_persons_flag_id_index` on `check_flag_persons` (`flag_id`);
CREATE INDEX `check_flag_persons_person_index` on `check_flag_persons` (`person`);
CREATE INDEX `check_flags_current_check_id_index` on `check_flags` (`current`, `check_id`);
CREATE INDEX `check_flags_run_id_check_id_index` on `check_flags` (`run_id`, `check_id`);
CREATE INDEX `declaration_rejected_rows_batch_id_line_index` on `declaration_rejected_rows` (`batch_id`, `line`);
CREATE INDEX `declared_trips_batch_id_index` on `declared_trips` (`batch_id`);
CREATE INDEX `declared_trips_declarant_id_start_at_index` on `declared_trips` (`declarant_id`, `start_at`);
CREATE UNIQUE INDEX `declared_trips_natural_key_unique` on `declared_trips` (`natural_key`);
CREATE INDEX `declared_trips_person_key_start_at_index` on `declared_trips` (`person_key`, `start_at`);
CREATE INDEX `declared_trips_start_local_index` on `declared_trips` (`start_local`);
CREATE INDEX `import_batches_status_index` on `import_batches` (`status`);
CREATE INDEX `import_staged_updates_batch_id_index` on `import_staged_updates` (`batch_id`);
CREATE INDEX `jobs_started_at_index` on `jobs` (`started_at`);
CREATE INDEX `jobs_status_index` on `jobs` (`status`);
CREATE INDEX `map_area_month_month_index` on `map_area_month` (`month`);
CREATE INDEX `map_flow_month_month_index` on `map_flow_month` (`month`);
CREATE INDEX `map_pair_month_month_index` on `map_pair_month` (`month`);
CREATE UNIQUE INDEX `operators_name_unique` on `operators` (`name`);
CREATE INDEX `people_first_first_at_index` on `people_first` (`first_at`);
CREATE INDEX people_first_natural_key ON people_first (natural_key);
CREATE INDEX `rejected_rows_batch_id_index` on `rejected_rows` (`batch_id`);
CREATE INDEX `rejected_rows_reason_index` on `rejected_rows` (`reason`);
CREATE INDEX `review_decisions_subject_kind_subject_key_id_index` on `review_decisions` (`subject_kind`, `subject_key`, `id`);
CREATE INDEX review_journey_checks_trip_id ON review_journey_checks (trip_id, severity, registry);
CREATE INDEX review_journeys_driver ON review_journeys (driver);
CREATE INDEX review_journeys_passenger ON review_journeys (passenger);
CREATE INDEX review_journeys_queue ON review_journeys (grp, severity DESC, check_count DESC, at_risk DESC, start_local DESC, natural_key);
CREATE INDEX review_person_checks_person ON review_person_checks (person, severity, registry);
CREATE INDEX review_person_journey_checks_person ON review_person_journey_checks (person);
CREATE INDEX review_persons_queue ON review_persons (grp, severity DESC, check_count DESC, at_risk DESC, journeys DESC, person);
CREATE INDEX `stats_day_day_index` on `stats_day` (`day`);
CREATE INDEX `trips_batch_id_index` on `trips` (`batch_id`);
CREATE INDEX `trips_driver_identity_key_index` on `trips` (`driver_identity_key`);
CREATE INDEX trips_driver_user_person ON trips (('u:' || operator_id || ':' || operator_driver_id)) WHERE driver_identity_key IS NULL;
CREATE INDEX trips_flagged_start_at ON trips (start_at, batch_id) WHERE status IS NOT NULL AND status <> 'ok';
CREATE UNIQUE INDEX `trips_natural_key_unique` on `trips` (`natural_key`);
CREATE INDEX `trips_operator_id_operator_driver_id_index` on `trips` (`operator_id`, `operator_driver_id`);
CREATE INDEX `trips_operator_id_operator_passenger_id_index` on `trips` (`operator_id`, `operator_passenger_id`);
CREATE INDEX `trips_passenger_identity_key_index` on `trips` (`passenger_identity_key`);
CREATE INDEX trips_passenger_user_person ON trips (('u:' || operator_id || ':' || operator_passenger_id)) WHERE passenger_identity_key IS NULL;
CREATE INDEX trips_start_at_index ON trips (start_at, batch_id);
CREATE INDEX trips_start_local ON trips (start_local);
CREATE TABLE `aom_communes` (`commune` text, `aom` text not null, `aom_name` text, `source` text not null, `updated_at` text not null, primary key (`commune`));
CREATE TABLE `aom_names_learned` (`commune` text not null, `aom_name` text not null, `seen` integer not null, primary key (`commune`, `aom_name`));
CREATE TABLE `attestations` (`number` integer not null primary key autoincrement, `id` text not null, `issued_at` text not null, `actor` text not null, `person` text not null, `period_from` text not null, `period_to` text not null, `issuer_name` text not null, `issuer_siret` text not null, `figures_json` text not null, `code` text not null, `pages_digest` text not null, `file` text, `batch_job_id` text, `audit_id` integer not null);
CREATE TABLE `audit_log` (`id` integer not null primary key autoincrement, `at` text not null, `actor` text not null, `action` text not null, `entity` text not null, `entity_id` text, `before_json` text, `after_json` text, `prev_hash` text not null, `hash` text not null);
CREATE TABLE `campaign_persons` (`id` integer not null primary key autoincrement, `person` text not null);
CREATE TABLE `campaign_trip_blocks` (`day` text, `format` integer not null, `data` blob not null, primary key (`day`));
CREATE TABLE `check_flag_journeys` (`flag_id` integer not null, `natural_key` text not null, foreign key(`flag_id`) references `check_flags`(`id`) on delete CASCADE);
CREATE TABLE `check_flag_persons` (`flag_id` integer not null, `person` text not null, foreign key(`flag_id`) references `check_flags`(`id`) on delete CASCADE);
CREATE TABLE `check_flags` (`id` integer not null primary key autoincrement, `run_id` integer not null, `check_id` text not null, `severity` text not null, `journey_keys_json` text not null, `persons_json` text not null, `evidence_json` text not null, `current` integer not null default '0', `first_day` text, `last_day` text, foreign key(`run_id`) references `check_runs`(`id`) on delete CASCADE);
CREATE TABLE `check_runs` (`id` integer not null primary key autoincrement, `job_id` text, `from_day` text, `to_day` text, `parameters_json` text not null, `trips` integer not null, `flags` integer not null, `created_at` text not null, `quality_json` text);
CREATE TABLE `declaration_batches` (`id` integer not null primary key autoincrement, `source` text not null, `file_name` text, `file_sha256` text, `rows` integer not null, `accepted` integer not null, `duplicates` integer not null, `rejected` integer not null, `actor` text not null, `created_at` text not null, `job_id` text, `audit_id` integer);
CREATE TABLE `declaration_rejected_rows` (`id` integer not null primary key autoincrement, `batch_id` integer not null, `line` integer, `outcome` text not null, `field` text, `reason_code` text not null, `reason` text not null, `raw` text not null, foreign key(`batch_id`) references `declaration_batches`(`id`));
CREATE TABLE `declared_trips` (`id` integer not null primary key autoincrement, `natural_key` text not null, `batch_id` integer not null, `line` integer, `declarant_id` text not null, `person_key` text, `role` text not null, `seats` integer not null, `start_at` text not null, `start_local` text not null, `distance_m` integer not null, `distance_estimated` integer not null, `start_insee` text, `start_com` text, `start_epci` text, `start_dep` text, `start_reg` text, `start_country` text, `start_lat` float, `start_lon` float, `start_radius_m` integer, `end_insee` text, `end_com` text, `end_epci` text, `end_dep` text, `end_reg` text, `end_country` text, `end_lat` float, `end_lon` float, `end_radius_m` integer, `comment` text, `created_at` text not null, foreign key(`batch_id`) references `declaration_batches`(`id`));
CREATE TABLE `demo_labels` (`natural_key` text, `check_ids_json` text not null, primary key (`natural_key`));
CREATE TABLE `import_batches` (`id` integer not null primary key autoincrement, `job_id` text, `source` text not null, `format` text not null, `content_hash` text, `status` text not null, `period_from` text, `period_to` text, `rows_read` integer not null default '0', `rows_inserted` integer not null default '0', `rows_updated` integer not null default '0', `rows_unchanged` integer not null default '0', `rows_rejected` integer not null default '0', `started_at` text not null, `ended_at` text, `file_name` text, `file_size` integer, `error` text, `unresolved_codes_json` text, `encoding` text, `warnings_json` text);
CREATE TABLE `import_staged_updates` (`batch_id` integer not null, `natural_key` text not null, `row_json` text not null, foreign key(`batch_id`) references `import_batches`(`id`));
CREATE TABLE `jobs` (`id` text, `kind` text not null, `status` text not null, `params_json` text not null, `summary_json` text, `error` text, `started_at` text not null, `ended_at` text, `current` integer not null default '0', `total` integer not null default '0', `step` text, `owner_pid` integer, primary key (`id`));
CREATE TABLE `map_area_month` (`month` text not null, `start_epci` text, `end_epci` text, `start_aom` text, `end_aom` text, `start_dep` text, `end_dep` text, `start_reg` text, `end_reg` text, `journeys` integer not null, `rpc_cents` integer not null);
CREATE TABLE `map_contours` (`level` text not null, `code` text not null, `name` text, `geometry_json` text not null, `lon` float not null, `lat` float not null, `source` text not null, `derived` integer not null default '0', `imported_at` text not null, primary key (`level`, `code`));
CREATE TABLE `map_flow_month` (`month` text not null, `dow` integer not null, `band` integer not null, `start_insee` text, `end_insee` text, `start_epci` text, `end_epci` text, `start_aom` text, `end_aom` text, `start_dep` text, `end_dep` text, `start_reg` text, `end_reg` text, `journeys` integer not null, `rpc_cents` integer not null);
CREATE TABLE `map_month` (`month` text, `journeys` integer not null, primary key (`month`));
CREATE TABLE `map_pair_month` (`month` text not null, `start_insee` text, `end_insee` text, `start_epci` text, `end_epci` text, `start_aom` text, `end_aom` text, `start_dep` text, `end_dep` text, `start_reg` text, `end_reg` text, `journeys` integer not null, `rpc_cents` integer not null);
CREATE TABLE `map_place` (`insee` text, `lat` float not null, `lon` float not null, `ends` integer not null, primary key (`insee`));
CREATE TABLE `map_place_month` (`month` text not null, `insee` text not null, `lat` float not null, `lon` float not null, `ends` integer not null, primary key (`month`, `insee`));
CREATE TABLE `operators` (`id` integer not null primary key autoincrement, `name` text not null, `registry_uuid` text);
CREATE TABLE `people_first` (`role` text not null, `person` text not null, `first_at` text not null, `natural_key` text not null, primary key (`role`, `person`));
CREATE TABLE `rejected_rows` (`id` integer not null primary key autoincrement, `batch_id` integer not null, `file_name` text not null, `line` integer not null, `field` text, `reason` text not null, `detail` text, `raw` text not null, foreign key(`batch_id`) references `import_batches`(`id`));
CREATE TABLE `review_decisions` (`id` integer not null primary key autoincrement, `subject_kind` text not null, `subject_key` text not null, `decision` text not null, `comment` text not null, `actor` text not null, `decided_at` text not null, `previous_id` integer, `audit_id` integer not null, foreign key(`previous_id`) references `review_decisions`(`id`));
CREATE TABLE review_journey_checks (check_id TEXT NOT NULL, trip_id INTEGER NOT NULL, registry INTEGER NOT NULL,
    severity INTEGER NOT NULL, PRIMARY KEY (check_id, trip_id, registry)) WITHOUT ROWID;
CREATE TABLE review_journeys (trip_id INTEGER PRIMARY KEY, natural_key TEXT NOT NULL UNIQUE, own_1 INTEGER NOT NULL, own_n1 INTEGER NOT NULL, own_2 INTEGER NOT NULL, own_n2 INTEGER NOT NULL, own_3 INTEGER NOT NULL, own_n3 INTEGER NOT NULL, reg_1 INTEGER NOT NULL, reg_n1 INTEGER NOT NULL, reg_2 INTEGER NOT NULL, reg_n2 INTEGER NOT NULL, reg_3 INTEGER NOT NULL, reg_n3 INTEGER NOT NULL, grp INTEGER NOT NULL, severity INTEGER NOT NULL, check_count INTEGER NOT NULL,
    at_risk INTEGER NOT NULL, operator_id INTEGER, start_local TEXT NOT NULL, status TEXT, start_insee TEXT, end_insee TEXT, start_epci TEXT, end_epci TEXT, start_aom TEXT, end_aom TEXT, start_dep TEXT, end_dep TEXT, start_reg TEXT, end_reg TEXT, start_country TEXT, end_country TEXT, driver TEXT, passenger TEXT);
CREATE TABLE review_person_checks (check_id TEXT NOT NULL, person TEXT NOT NULL, registry INTEGER NOT NULL,
    severity INTEGER NOT NULL, PRIMARY KEY (check_id, person, registry)) WITHOUT ROWID;
CREATE TABLE review_person_journey_checks (person TEXT NOT NULL, trip_id INTEGER NOT NULL, check_id TEXT NOT NULL,
    severity INTEGER NOT NULL, PRIMARY KEY (check_id, person, trip_id)) WITHOUT ROWID;
CREATE TABLE review_person_journeys (person TEXT NOT NULL, trip_id INTEGER NOT NULL,
    codes_1 INTEGER NOT NULL, codes_2 INTEGER NOT NULL, codes_3 INTEGER NOT NULL, at_risk INTEGER NOT NULL, operator_id INTEGER, start_local TEXT NOT NULL, status TEXT, start_insee TEXT, end_insee TEXT, start_epci TEXT, end_epci TEXT, start_aom TEXT, end_aom TEXT, start_dep TEXT, end_dep TEXT, start_reg TEXT, end_reg TEXT, start_country TEXT, end_country TEXT, PRIMARY KEY (person, trip_id)) WITHOUT ROWID;
CREATE TABLE review_persons (person TEXT NOT NULL PRIMARY KEY, own_1 INTEGER NOT NULL, own_n1 INTEGER NOT NULL, own_2 INTEGER NOT NULL, own_n2 INTEGER NOT NULL, own_3 INTEGER NOT NULL, own_n3 INTEGER NOT NULL, reg_1 INTEGER NOT NULL, reg_n1 INTEGER NOT NULL, reg_2 INTEGER NOT NULL, reg_n2 INTEGER NOT NULL, reg_3 INTEGER NOT NULL, reg_n3 INTEGER NOT NULL, grp INTEGER NOT NULL, severity INTEGER NOT NULL, check_count INTEGER NOT NULL, journeys INTEGER NOT NULL,
    at_risk INTEGER NOT NULL, operators TEXT);
CREATE TABLE `review_summary_dirty` (`flag_id` integer, primary key (`flag_id`));
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
CREATE TABLE `store_privacy` (`id` integer, `user_ids` text not null, primary key (`id`));
CREATE TABLE `trips` (`id` integer not null primary key autoincrement, `natural_key` text not null, `journey_id` bigint, `operator_id` integer, `operator_journey_id` text, `operator_trip_id` text, `operator_class` text, `status` text, `acquisition_status` text, `fraud_status` text, `anomaly_status` text, `start_at` text not null, `end_at` text, `start_local` text not null, `end_local` text, `duration_s` integer, `distance_m` integer, `start_lat` float, `start_lon` float, `start_insee` text, `start_com` text, `start_epci` text, `start_aom` text, `start_dep` text, `start_reg` text, `start_country` text, `end_lat` float, `end_lon` float, `end_insee` text, `end_com` text, `end_epci` text, `end_aom` text, `end_dep` text, `end_reg` text, `end_country` text, `seats` integer, `driver_identity_key` text, `passenger_identity_key` text, `operator_driver_id` text, `operator_passenger_id` text, `driver_revenue_cents` integer, `passenger_contribution_cents` integer, `cee_application` integer, `has_incentive` integer, `op_incentive_0_siret` text, `op_incentive_0_name` text, `op_incentive_0_cents` integer, `op_incentive_1_siret` text, `op_incentive_1_name` text, `op_incentive_1_cents` integer, `op_incentive_2_siret` text, `op_incentive_2_name` text, `op_incentive_2_cents` integer, `rpc_incentive_0_campaign_id` text, `rpc_incentive_0_campaign_name` text, `rpc_incentive_0_siret` text, `rpc_incentive_0_name` text, `rpc_incentive_0_cents` integer, `rpc_incentive_1_campaign_id` text, `rpc_incentive_1_campaign_name` text, `rpc_incentive_1_siret` text, `rpc_incentive_1_name` text, `rpc_incentive_1_cents` integer, `rpc_incentive_2_campaign_id` text, `rpc_incentive_2_campaign_name` text, `rpc_incentive_2_siret` text, `rpc_incentive_2_name` text, `rpc_incentive_2_cents` integer, `batch_id` integer not null, `source_line` integer, `row_hash` text, foreign key(`operator_id`) references `operators`(`id`), foreign key(`batch_id`) references `import_batches`(`id`));
CREATE TRIGGER attestations_no_delete BEFORE DELETE ON attestations
     BEGIN SELECT RAISE(ABORT, 'le registre des attestations est en ajout seul'); END;
CREATE TRIGGER attestations_no_update BEFORE UPDATE ON attestations
     BEGIN SELECT RAISE(ABORT, 'le registre des attestations est en ajout seul'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TRIGGER check_flags_review_insert AFTER INSERT ON check_flags WHEN NEW.current = 1
    BEGIN INSERT OR IGNORE INTO review_summary_dirty (flag_id) VALUES (NEW.id); END;
CREATE TRIGGER check_flags_review_retire AFTER UPDATE OF current ON check_flags WHEN OLD.current = 1 AND NEW.current = 0
    BEGIN INSERT OR IGNORE INTO review_summary_dirty (flag_id) VALUES (OLD.id); END;
CREATE TRIGGER import_batches_commit_blocks AFTER UPDATE OF status ON import_batches
    WHEN OLD.status = 'running' AND NEW.status = 'committed' AND NEW.period_from IS NOT NULL AND NEW.period_to IS NOT NULL
    BEGIN DELETE FROM campaign_trip_blocks WHERE day BETWEEN date(NEW.period_from, '-1 day') AND date(NEW.period_to, '+1 day'); END;
CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
     BEGIN SELECT RAISE(ABORT, 'review_decisions est en ajout seul : une révision est une nouvelle décision'); END;
CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
     BEGIN SELECT RAISE(ABORT, 'review_decisions est en ajout seul : une révision est une nouvelle décision'); END;
CREATE TRIGGER trips_campaign_blocks_delete AFTER DELETE ON trips
    BEGIN DELETE FROM campaign_trip_blocks WHERE day = substr(OLD.start_at, 1, 10); END;
CREATE TRIGGER trips_campaign_blocks_insert AFTER INSERT ON trips
    BEGIN DELETE FROM campaign_trip_blocks WHERE day = substr(NEW.start_at, 1, 10); END;
CREATE TRIGGER trips_campaign_blocks_update AFTER UPDATE OF id, status, start_at, start_local, operator_id, distance_m, seats, operator_class, driver_revenue_cents, passenger_contribution_cents, start_lat, start_lon, end_lat, end_lon, start_com, start_insee, start_epci, start_aom, start_dep, start_reg, start_country, end_com, end_insee, end_epci, end_aom, end_dep, end_reg, end_country, operator_journey_id, operator_trip_id, driver_identity_key, passenger_identity_key, operator_driver_id, operator_passenger_id ON trips
    WHEN OLD.id IS NOT NEW.id OR OLD.status IS NOT NEW.status OR OLD.start_at IS NOT NEW.start_at OR OLD.start_local IS NOT NEW.start_local OR OLD.operator_id IS NOT NEW.operator_id OR OLD.distance_m IS NOT NEW.distance_m OR OLD.seats IS NOT NEW.seats OR OLD.operator_class IS NOT NEW.operator_class OR OLD.driver_revenue_cents IS NOT NEW.driver_revenue_cents OR OLD.passenger_contribution_cents IS NOT NEW.passenger_contribution_cents OR OLD.start_lat IS NOT NEW.start_lat OR OLD.start_lon IS NOT NEW.start_lon OR OLD.end_lat IS NOT NEW.end_lat OR OLD.end_lon IS NOT NEW.end_lon OR OLD.start_com IS NOT NEW.start_com OR OLD.start_insee IS NOT NEW.start_insee OR OLD.start_epci IS NOT NEW.start_epci OR OLD.start_aom IS NOT NEW.start_aom OR OLD.start_dep IS NOT NEW.start_dep OR OLD.start_reg IS NOT NEW.start_reg OR OLD.start_country IS NOT NEW.start_country OR OLD.end_com IS NOT NEW.end_com OR OLD.end_insee IS NOT NEW.end_insee OR OLD.end_epci IS NOT NEW.end_epci OR OLD.end_aom IS NOT NEW.end_aom OR OLD.end_dep IS NOT NEW.end_dep OR OLD.end_reg IS NOT NEW.end_reg OR OLD.end_country IS NOT NEW.end_country OR OLD.operator_journey_id IS NOT NEW.operator_journey_id OR OLD.operator_trip_id IS NOT NEW.operator_trip_id OR OLD.driver_identity_key IS NOT NEW.driver_identity_key OR OLD.passenger_identity_key IS NOT NEW.passenger_identity_key OR OLD.operator_driver_id IS NOT NEW.operator_driver_id OR OLD.operator_passenger_id IS NOT NEW.operator_passenger_id
    BEGIN DELETE FROM campaign_trip_blocks WHERE day IN (substr(OLD.start_at, 1, 10), substr(NEW.start_at, 1, 10)); END;
CREATE TRIGGER trips_review_delete AFTER DELETE ON trips BEGIN INSERT OR IGNORE INTO review_summary_dirty (flag_id)
   SELECT fj.flag_id FROM check_flag_journeys fj JOIN check_flags f ON f.id = fj.flag_id WHERE fj.natural_key = OLD.natural_key AND f.current = 1; END;
CREATE TRIGGER trips_review_insert AFTER INSERT ON trips BEGIN INSERT OR IGNORE INTO review_summary_dirty (flag_id)
   SELECT fj.flag_id FROM check_flag_journeys fj JOIN check_flags f ON f.id = fj.flag_id WHERE fj.natural_key = NEW.natural_key AND f.current = 1; END;
CREATE TRIGGER trips_review_update AFTER UPDATE OF natural_key, rpc_incentive_0_cents, op_incentive_0_cents, rpc_incentive_1_cents, op_incentive_1_cents, rpc_incentive_2_cents, op_incentive_2_cents, operator_id, start_local, status, start_insee, end_insee, start_epci, end_epci, start_aom, end_aom, start_dep, end_dep, start_reg, end_reg, start_country, end_country, driver_identity_key, passenger_identity_key, operator_driver_id, operator_passenger_id ON trips
    WHEN OLD.natural_key IS NOT NEW.natural_key OR OLD.rpc_incentive_0_cents IS NOT NEW.rpc_incentive_0_cents OR OLD.op_incentive_0_cents IS NOT NEW.op_incentive_0_cents OR OLD.rpc_incentive_1_cents IS NOT NEW.rpc_incentive_1_cents OR OLD.op_incentive_1_cents IS NOT NEW.op_incentive_1_cents OR OLD.rpc_incentive_2_cents IS NOT NEW.rpc_incentive_2_cents OR OLD.op_incentive_2_cents IS NOT NEW.op_incentive_2_cents OR OLD.operator_id IS NOT NEW.operator_id OR OLD.start_local IS NOT NEW.start_local OR OLD.status IS NOT NEW.status OR OLD.start_insee IS NOT NEW.start_insee OR OLD.end_insee IS NOT NEW.end_insee OR OLD.start_epci IS NOT NEW.start_epci OR OLD.end_epci IS NOT NEW.end_epci OR OLD.start_aom IS NOT NEW.start_aom OR OLD.end_aom IS NOT NEW.end_aom OR OLD.start_dep IS NOT NEW.start_dep OR OLD.end_dep IS NOT NEW.end_dep OR OLD.start_reg IS NOT NEW.start_reg OR OLD.end_reg IS NOT NEW.end_reg OR OLD.start_country IS NOT NEW.start_country OR OLD.end_country IS NOT NEW.end_country OR OLD.driver_identity_key IS NOT NEW.driver_identity_key OR OLD.passenger_identity_key IS NOT NEW.passenger_identity_key OR OLD.operator_driver_id IS NOT NEW.operator_driver_id OR OLD.operator_passenger_id IS NOT NEW.operator_passenger_id
    BEGIN INSERT OR IGNORE INTO review_summary_dirty (flag_id)
   SELECT fj.flag_id FROM check_flag_journeys fj JOIN check_flags f ON f.id = fj.flag_id WHERE fj.natural_key = OLD.natural_key AND f.current = 1; INSERT OR IGNORE INTO review_summary_dirty (flag_id)
   SELECT fj.flag_id FROM check_flag_journeys fj JOIN check_flags f ON f.id = fj.flag_id WHERE fj.natural_key = NEW.natural_key AND f.current = 1; END;
CREATE VIEW committed_trips AS SELECT * FROM trips WHERE batch_id NOT IN (SELECT id FROM import_batches WHERE status = 'running');
CREATE VIEW declared_trips_geo AS SELECT d.*,
       (SELECT a.aom FROM aom_communes a WHERE a.commune = d.start_com) AS start_aom,
       (SELECT a.aom FROM aom_communes a WHERE a.commune = d.end_com) AS end_aom
     FROM declared_trips d;
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