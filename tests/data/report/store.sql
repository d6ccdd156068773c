-- A small results store for the report tests, in the schema talentflow run writes.
-- Numbers are chosen by hand so the tests can state the headlines they expect:
-- CN is the largest origin (400 people), CN -> US the largest corridor (50 of 118
-- moves in 2010-2014), US the largest gainer (+77), CN the largest loser (-49).
-- XK's name is hostile markup: the report must escape it.
-- Besides "all", the pool "phd" has rows of its own (smaller than those of "all", and
-- never to be added to them: the report is about "all"); its name is hostile markup too.
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE inputs(path TEXT, bytes INTEGER, crc32 TEXT);
CREATE TABLE skips(reason TEXT PRIMARY KEY, n INTEGER);
CREATE TABLE countries(code TEXT PRIMARY KEY, alpha3 TEXT, name TEXT);
CREATE TABLE pools(name TEXT PRIMARY KEY, definition TEXT, people INTEGER, moves INTEGER,
  ordinal INTEGER);
CREATE TABLE country_year(pool TEXT NOT NULL, year INTEGER, country TEXT, population INTEGER, in_migrations INTEGER,
  out_migrations INTEGER, net_migration INTEGER, in_rate REAL, out_rate REAL, net_rate REAL,
  births INTEGER, deaths INTEGER, PRIMARY KEY(pool, year, country));
CREATE TABLE flows(pool TEXT NOT NULL, origin TEXT, destination TEXT, year INTEGER, n INTEGER,
  n_back INTEGER, net INTEGER, PRIMARY KEY(pool, origin, destination, year));
CREATE TABLE classes(pool TEXT NOT NULL, origin TEXT, class TEXT, n INTEGER,
  PRIMARY KEY(pool, origin, class));
CREATE TABLE whereabouts(pool TEXT NOT NULL, origin TEXT, country TEXT, n INTEGER,
  PRIMARY KEY(pool, origin, country));
CREATE TABLE returns(pool TEXT NOT NULL, origin TEXT, destination TEXT, cohort INTEGER, k INTEGER, departed INTEGER,
  returned INTEGER, observed INTEGER, km REAL);
CREATE TABLE stays(pool TEXT NOT NULL, origin TEXT, destination TEXT, cohort INTEGER, k INTEGER, arrived INTEGER,
  stayed INTEGER, observed INTEGER);
CREATE TABLE persons(person TEXT PRIMARY KEY, origin TEXT, first_year INTEGER, last_year INTEGER,
  class TEXT, moves INTEGER, last_country TEXT, works INTEGER, pools TEXT);

INSERT INTO meta VALUES ('schema_version', '3');
INSERT INTO meta VALUES ('talentflow_version', '0.1.0'), ('created_utc', '2024-05-01T12:00:00Z'),
  ('format', 'openalex'), ('people', '1000'), ('moves', '118'), ('observations', '5000'),
  ('observations_kept', '4900');
INSERT INTO inputs VALUES ('works/part_000.gz', 123456, '1a2b3c4d');
INSERT INTO skips VALUES ('malformed_json', 2), ('duplicate', 7);
INSERT INTO countries VALUES ('CN', 'CHN', 'China'), ('DE', 'DEU', 'Germany'),
  ('FR', 'FRA', 'France'), ('GB', 'GBR', 'United Kingdom'), ('IN', 'IND', 'India'),
  ('US', 'USA', 'United States'), ('XK', 'XKX', 'Kosovo <b>"&amp;"</b> ''s');

INSERT INTO flows VALUES
  ('all', 'CN', 'DE', 2011, 6, 0, 6),
  ('all', 'CN', 'US', 2010, 10, 0, 10),
  ('all', 'CN', 'US', 2011, 12, 4, 8),
  ('all', 'CN', 'US', 2012, 14, 0, 14),
  ('all', 'CN', 'US', 2013, 9, 3, 6),
  ('all', 'CN', 'US', 2014, 5, 0, 5),
  ('all', 'DE', 'GB', 2010, 5, 0, 5),
  ('all', 'DE', 'GB', 2014, 5, 0, 5),
  ('all', 'FR', 'US', 2014, 4, 0, 4),
  ('all', 'GB', 'DE', 2012, 8, 0, 8),
  ('all', 'IN', 'US', 2012, 20, 0, 20),
  ('all', 'IN', 'US', 2013, 10, 0, 10),
  ('all', 'US', 'CN', 2011, 4, 12, -8),
  ('all', 'US', 'CN', 2013, 3, 9, -6),
  ('all', 'XK', 'DE', 2013, 3, 0, 3);
INSERT INTO country_year VALUES
  ('all', 2010, 'CN', 800, 0, 10, -10, 0.000000, 0.012500, -0.012500, 5, 2),
  ('all', 2010, 'DE', 300, 0, 5, -5, 0.000000, 0.016667, -0.016667, 5, 2),
  ('all', 2010, 'FR', 100, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2010, 'GB', 200, 5, 0, 5, 0.025000, 0.000000, 0.025000, 5, 2),
  ('all', 2010, 'IN', 150, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2010, 'US', 1000, 10, 0, 10, 0.010000, 0.000000, 0.010000, 5, 2),
  ('all', 2010, 'XK', 20, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2011, 'CN', 810, 4, 18, -14, 0.004938, 0.022222, -0.017284, 5, 2),
  ('all', 2011, 'DE', 310, 6, 0, 6, 0.019355, 0.000000, 0.019355, 5, 2),
  ('all', 2011, 'FR', 110, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2011, 'GB', 210, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2011, 'IN', 160, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2011, 'US', 1010, 12, 4, 8, 0.011881, 0.003960, 0.007921, 5, 2),
  ('all', 2011, 'XK', 20, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2012, 'CN', 820, 0, 14, -14, 0.000000, 0.017073, -0.017073, 5, 2),
  ('all', 2012, 'DE', 320, 8, 0, 8, 0.025000, 0.000000, 0.025000, 5, 2),
  ('all', 2012, 'FR', 120, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2012, 'GB', 220, 0, 8, -8, 0.000000, 0.036364, -0.036364, 5, 2),
  ('all', 2012, 'IN', 170, 0, 20, -20, 0.000000, 0.117647, -0.117647, 5, 2),
  ('all', 2012, 'US', 1020, 34, 0, 34, 0.033333, 0.000000, 0.033333, 5, 2),
  ('all', 2012, 'XK', 20, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2013, 'CN', 830, 3, 9, -6, 0.003614, 0.010843, -0.007229, 5, 2),
  ('all', 2013, 'DE', 330, 3, 0, 3, 0.009091, 0.000000, 0.009091, 5, 2),
  ('all', 2013, 'FR', 130, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2013, 'GB', 230, 0, 0, 0, 0.000000, 0.000000, 0.000000, 5, 2),
  ('all', 2013, 'IN', 180, 0, 10, -10, 0.000000, 0.055556, -0.055556, 5, 2),
  ('all', 2013, 'US', 1030, 19, 3, 16, 0.018447, 0.002913, 0.015534, 5, 2),
  ('all', 2013, 'XK', 20, 0, 3, -3, 0.000000, 0.150000, -0.150000, 5, 2),
  ('all', 2014, 'CN', 840, 0, 5, -5, 0.000000, 0.005952, -0.005952, 2, 2),
  ('all', 2014, 'DE', 340, 0, 5, -5, 0.000000, 0.014706, -0.014706, 2, 2),
  ('all', 2014, 'FR', 140, 0, 4, -4, 0.000000, 0.028571, -0.028571, 2, 2),
  ('all', 2014, 'GB', 240, 5, 0, 5, 0.020833, 0.000000, 0.020833, 2, 2),
  ('all', 2014, 'IN', 190, 0, 0, 0, 0.000000, 0.000000, 0.000000, 2, 2),
  ('all', 2014, 'US', 1040, 9, 0, 9, 0.008654, 0.000000, 0.008654, 2, 2),
  ('all', 2014, 'XK', 0, 0, 0, 0, NULL, NULL, NULL, 0, 3);
INSERT INTO classes VALUES
  ('all', 'CN', 'non_mobile', 300),
  ('all', 'CN', 'migrant', 60),
  ('all', 'CN', 'directional_traveller', 30),
  ('all', 'CN', 'non_directional_traveller', 10),
  ('all', 'DE', 'non_mobile', 120),
  ('all', 'DE', 'migrant', 30),
  ('all', 'DE', 'directional_traveller', 20),
  ('all', 'DE', 'non_directional_traveller', 10),
  ('all', 'FR', 'non_mobile', 50),
  ('all', 'FR', 'migrant', 10),
  ('all', 'FR', 'directional_traveller', 5),
  ('all', 'FR', 'non_directional_traveller', 5),
  ('all', 'GB', 'non_mobile', 60),
  ('all', 'GB', 'migrant', 10),
  ('all', 'GB', 'directional_traveller', 5),
  ('all', 'GB', 'non_directional_traveller', 5),
  ('all', 'IN', 'non_mobile', 20),
  ('all', 'IN', 'migrant', 15),
  ('all', 'IN', 'directional_traveller', 4),
  ('all', 'IN', 'non_directional_traveller', 1),
  ('all', 'US', 'non_mobile', 250),
  ('all', 'US', 'migrant', 20),
  ('all', 'US', 'directional_traveller', 20),
  ('all', 'US', 'non_directional_traveller', 10),
  ('all', 'XK', 'non_mobile', 3),
  ('all', 'XK', 'migrant', 2),
  ('all', 'XK', 'directional_traveller', 0),
  ('all', 'XK', 'non_directional_traveller', 0);
INSERT INTO returns VALUES
  ('all', 'CN', '*', NULL, 1, 56, 3, 50, 0.060000),
  ('all', 'CN', '*', NULL, 2, 56, 6, 44, 0.128780),
  ('all', 'CN', '*', NULL, 3, 56, 9, 38, 0.210457),
  ('all', 'CN', '*', NULL, 4, 56, 11, 30, 0.285652),
  ('all', 'CN', '*', NULL, 5, 56, 12, 25, 0.336677),
  ('all', 'CN', '*', NULL, 6, 56, 12, 20, 0.336677),
  ('all', 'CN', '*', NULL, 7, 56, 13, 15, 0.557784),
  ('all', 'CN', '*', NULL, 8, 56, 13, 12, 0.557784),
  ('all', 'CN', '*', NULL, 9, 56, 13, 8, 0.557784),
  ('all', 'CN', '*', NULL, 10, 56, 13, 5, 0.557784),
  ('all', 'US', '*', NULL, 1, 7, 1, 7, 0.142857),
  ('all', 'US', '*', NULL, 2, 7, 1, 6, 0.142857),
  ('all', 'US', '*', NULL, 3, 7, 2, 5, 0.357143),
  ('all', 'US', '*', NULL, 4, 7, 2, 4, 0.357143),
  ('all', 'US', '*', NULL, 5, 7, 2, 3, 0.357143),
  ('all', 'US', '*', NULL, 6, 7, 2, 3, 0.357143),
  ('all', 'US', '*', NULL, 7, 7, 2, 2, 0.357143),
  ('all', 'US', '*', NULL, 8, 7, 2, 2, 0.357143),
  ('all', 'US', '*', NULL, 9, 7, 2, 1, 0.357143),
  ('all', 'US', '*', NULL, 10, 7, 2, 1, 0.357143),
  ('all', 'IN', '*', NULL, 1, 30, 0, 28, 0.000000),
  ('all', 'IN', '*', NULL, 2, 30, 2, 25, 0.080000),
  ('all', 'IN', '*', NULL, 3, 30, 4, 22, 0.172000),
  ('all', 'IN', '*', NULL, 4, 30, 5, 18, 0.231143),
  ('all', 'IN', '*', NULL, 5, 30, 6, 15, 0.308029),
  ('all', 'IN', '*', NULL, 6, 30, 6, 12, 0.308029),
  ('all', 'IN', '*', NULL, 7, 30, 7, 10, 0.481021),
  ('all', 'IN', '*', NULL, 8, 30, 7, 8, 0.481021),
  ('all', 'IN', '*', NULL, 9, 30, 7, 6, 0.481021),
  ('all', 'IN', '*', NULL, 10, 30, 7, 4, 0.481021),
  ('all', 'DE', '*', NULL, 1, 10, 1, 10, 0.100000),
  ('all', 'DE', '*', NULL, 2, 10, 2, 9, 0.212500),
  ('all', 'DE', '*', NULL, 3, 10, 2, 8, 0.212500),
  ('all', 'DE', '*', NULL, 4, 10, 3, 7, 0.370000),
  ('all', 'DE', '*', NULL, 5, 10, 3, 6, 0.370000),
  ('all', 'DE', '*', NULL, 6, 10, 3, 5, 0.370000),
  ('all', 'DE', '*', NULL, 7, 10, 3, 4, 0.370000),
  ('all', 'DE', '*', NULL, 8, 10, 3, 3, 0.370000),
  ('all', 'DE', '*', NULL, 9, 10, 3, 2, 0.370000),
  ('all', 'DE', '*', NULL, 10, 10, 3, 1, 0.370000),
  ('all', 'CN', '*', 2010, 1, 16, 1, 15, 0.066667),
  ('all', 'CN', '*', 2010, 2, 16, 2, 13, 0.144444),
  ('all', 'CN', '*', 2010, 3, 16, 4, 11, 0.334568),
  ('all', 'CN', '*', 2010, 4, 16, 5, 9, 0.467654),
  ('all', 'CN', '*', 2010, 5, 16, 6, 8, 0.645103),
  ('all', 'CN', '*', 2010, 6, 16, 8, 8, 1.000000),
  ('all', 'CN', '*', 2010, 7, 16, 9, 9, 1.000000),
  ('all', 'CN', '*', 2010, 8, 16, 10, 10, 1.000000),
  ('all', 'CN', '*', 2010, 9, 16, 12, 12, 1.000000),
  ('all', 'CN', '*', 2010, 10, 16, 13, 13, 1.000000),
  ('all', 'CN', '*', 2011, 1, 22, 1, 20, 0.050000),
  ('all', 'CN', '*', 2011, 2, 22, 3, 18, 0.161765),
  ('all', 'CN', '*', 2011, 3, 22, 5, 15, 0.301471),
  ('all', 'CN', '*', 2011, 4, 22, 7, 13, 0.476103),
  ('all', 'CN', '*', 2011, 5, 22, 9, 10, 0.825368),
  ('all', 'CN', '*', 2011, 6, 22, 11, 11, 1.000000),
  ('all', 'CN', '*', 2011, 7, 22, 12, 12, 1.000000),
  ('all', 'CN', '*', 2011, 8, 22, 14, 14, 1.000000),
  ('all', 'CN', '*', 2011, 9, 22, 16, 16, 1.000000),
  ('all', 'CN', '*', 2011, 10, 22, 18, 18, 1.000000),
  ('all', 'CN', '*', 2012, 1, 14, 1, 13, 0.076923),
  ('all', 'CN', '*', 2012, 2, 14, 2, 11, 0.169231),
  ('all', 'CN', '*', 2012, 3, 14, 3, 10, 0.273077),
  ('all', 'CN', '*', 2012, 4, 14, 4, 8, 0.418462),
  ('all', 'CN', '*', 2012, 5, 14, 5, 7, 0.612308),
  ('all', 'CN', '*', 2012, 6, 14, 7, 7, 1.000000),
  ('all', 'CN', '*', 2012, 7, 14, 8, 8, 1.000000),
  ('all', 'CN', '*', 2012, 8, 14, 9, 9, 1.000000),
  ('all', 'CN', '*', 2012, 9, 14, 10, 10, 1.000000),
  ('all', 'CN', '*', 2012, 10, 14, 11, 11, 1.000000),
  ('all', 'CN', '*', 2013, 1, 9, 0, 8, 0.000000),
  ('all', 'CN', '*', 2013, 2, 9, 1, 7, 0.142857),
  ('all', 'CN', '*', 2013, 3, 9, 2, 6, 0.314286),
  ('all', 'CN', '*', 2013, 4, 9, 3, 5, 0.542857),
  ('all', 'CN', '*', 2013, 5, 9, 3, 4, 0.542857),
  ('all', 'CN', '*', 2013, 6, 9, 4, 4, 1.000000),
  ('all', 'CN', '*', 2013, 7, 9, 5, 5, 1.000000),
  ('all', 'CN', '*', 2013, 8, 9, 6, 6, 1.000000),
  ('all', 'CN', '*', 2013, 9, 9, 6, 6, 1.000000),
  ('all', 'CN', '*', 2013, 10, 9, 7, 7, 1.000000),
  ('all', 'CN', '*', 2014, 1, 5, 0, 5, 0.000000),
  ('all', 'CN', '*', 2014, 2, 5, 0, 4, 0.000000),
  ('all', 'CN', '*', 2014, 3, 5, 1, 4, 0.250000),
  ('all', 'CN', '*', 2014, 4, 5, 1, 3, 0.250000),
  ('all', 'CN', '*', 2014, 5, 5, 2, 2, 1.000000),
  ('all', 'CN', '*', 2014, 6, 5, 2, 2, 1.000000),
  ('all', 'CN', '*', 2014, 7, 5, 2, 2, 1.000000),
  ('all', 'CN', '*', 2014, 8, 5, 3, 3, 1.000000),
  ('all', 'CN', '*', 2014, 9, 5, 3, 3, 1.000000),
  ('all', 'CN', '*', 2014, 10, 5, 4, 4, 1.000000),
  ('all', 'IN', '*', 2012, 1, 20, 1, 18, 0.055556),
  ('all', 'IN', '*', 2012, 2, 20, 2, 15, 0.123016),
  ('all', 'IN', '*', 2012, 3, 20, 4, 13, 0.282468),
  ('all', 'IN', '*', 2012, 4, 20, 5, 10, 0.402056),
  ('all', 'IN', '*', 2012, 5, 20, 6, 8, 0.601371),
  ('all', 'IN', '*', 2012, 6, 20, 8, 8, 1.000000),
  ('all', 'IN', '*', 2012, 7, 20, 9, 9, 1.000000),
  ('all', 'IN', '*', 2012, 8, 20, 10, 10, 1.000000),
  ('all', 'IN', '*', 2012, 9, 20, 12, 12, 1.000000),
  ('all', 'IN', '*', 2012, 10, 20, 13, 13, 1.000000),
  ('all', 'IN', '*', 2013, 1, 10, 0, 9, 0.000000),
  ('all', 'IN', '*', 2013, 2, 10, 1, 8, 0.125000),
  ('all', 'IN', '*', 2013, 3, 10, 2, 7, 0.270833),
  ('all', 'IN', '*', 2013, 4, 10, 2, 5, 0.270833),
  ('all', 'IN', '*', 2013, 5, 10, 3, 4, 0.635417),
  ('all', 'IN', '*', 2013, 6, 10, 4, 4, 1.000000),
  ('all', 'IN', '*', 2013, 7, 10, 4, 4, 1.000000),
  ('all', 'IN', '*', 2013, 8, 10, 5, 5, 1.000000),
  ('all', 'IN', '*', 2013, 9, 10, 6, 6, 1.000000),
  ('all', 'IN', '*', 2013, 10, 10, 6, 6, 1.000000),
  ('all', 'CN', 'US', NULL, 1, 50, 9, 45, 0.200000),
  ('all', 'CN', 'US', NULL, 2, 50, 9, 40, 0.200000),
  ('all', 'CN', 'US', NULL, 3, 50, 9, 35, 0.200000),
  ('all', 'CN', 'US', NULL, 4, 50, 9, 30, 0.200000),
  ('all', 'CN', 'US', NULL, 5, 50, 9, 25, 0.200000),
  ('all', 'CN', 'US', NULL, 6, 50, 9, 20, 0.200000),
  ('all', 'CN', 'US', NULL, 7, 50, 9, 15, 0.200000),
  ('all', 'CN', 'US', NULL, 8, 50, 9, 10, 0.200000),
  ('all', 'CN', 'US', NULL, 9, 50, 9, 5, 0.200000),
  ('all', 'CN', 'US', NULL, 10, 50, 9, 1, 0.200000);
INSERT INTO stays VALUES ('all', 'CN', 'US', NULL, 1, 50, 40, 45),
  ('all', 'CN', '*', NULL, 1, 56, 44, 50);
INSERT INTO persons VALUES ('A1', 'CN', 2010, 2014, 'migrant', 1, 'US', 6, 'phd'),
  ('A2', 'US', 2010, 2013, 'non_mobile', 0, 'US', 3, '');

-- The pools. phd's return within 5 years: CN 5 of 20 (km 0.4), IN 1 of 10 (km 0.25):
-- 6 of 30 = 20.0 %, Kaplan-Meier (20 * 0.4 + 10 * 0.25) / 30 = 35.0 %. All's: 12 + 2 + 6 + 3
-- = 23 of 56 + 7 + 30 + 10 = 103 (22.3 %), (56 * 0.336677 + 7 * 0.357143 + 30 * 0.308029
-- + 10 * 0.37) / 103 = 33.3 %.
INSERT INTO pools VALUES ('all', '', 1000, 118, 0),
  ('phd<i>', 'career: 0..5; min-works: 1', 200, 21, 1);
INSERT INTO flows VALUES ('phd<i>', 'CN', 'US', 2012, 14, 0, 14), ('phd<i>', 'FR', 'GB', 2012, 7, 0, 7);
INSERT INTO country_year VALUES
  ('phd<i>', 2012, 'CN', 80, 0, 14, -14, 0.0, 0.175, -0.175, 1, 0),
  ('phd<i>', 2012, 'US', 60, 14, 0, 14, 0.233333, 0.0, 0.233333, 1, 0),
  ('phd<i>', 2012, 'FR', 10, 0, 7, -7, 0.0, 0.7, -0.7, 1, 0),
  ('phd<i>', 2012, 'GB', 10, 7, 0, 7, 0.7, 0.0, 0.7, 1, 0),
  ('phd<i>', 2015, 'FR', 10, 0, 0, 0, 0.0, 0.0, 0.0, 1, 0);
INSERT INTO classes VALUES ('phd<i>', 'FR', 'migrant', 900), ('phd<i>', 'CN', 'migrant', 20);
INSERT INTO returns VALUES
  ('phd<i>', 'CN', '*', NULL, 5, 20, 5, 10, 0.400000),
  ('phd<i>', 'IN', '*', NULL, 5, 10, 1, 5, 0.250000),
  ('phd<i>', 'FR', '*', NULL, 1, 900, 0, 900, 0.000000),
  ('phd<i>', 'CN', '*', 2012, 5, 20, 5, 10, 0.400000);
INSERT INTO stays VALUES ('phd<i>', 'CN', 'US', NULL, 1, 20, 10, 15);

-- The first section: a pair of countries in one pool.
-- In "all" the pair with the most moves both ways is CN and US (50 + 7); CN first, as
-- more left it. Persons of origin CN: A1 and CN1-CN19, last seen in US 5 (A1, CN1-CN4),
-- CN 12, DE 3 (of 20); of origin US: A2 and US1-US9, last seen in CN 1, US 9 (of 10).
-- The pool ai: CN1-CN8 (US 4, CN 4 of 8) and US1-US3 (CN 1, US 2 of 3); CN17's word
-- "aix" is not "ai".
INSERT INTO persons WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 19)
  SELECT 'CN' || x, 'CN', 2010, 2014, 'migrant', 1,
    CASE WHEN x <= 4 THEN 'US' WHEN x <= 16 THEN 'CN' ELSE 'DE' END, 2,
    CASE WHEN x <= 4 THEN 'ai' WHEN x <= 8 THEN 'phd ai' WHEN x = 17 THEN 'aix' ELSE '' END
  FROM i;
INSERT INTO persons WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 9)
  SELECT 'US' || x, 'US', 2010, 2014, 'non_mobile', 0, CASE WHEN x = 1 THEN 'CN' ELSE 'US' END,
    2, CASE WHEN x <= 3 THEN 'ai' ELSE '' END
  FROM i;
-- The same counts as the report reads them, by origin and last country.
INSERT INTO whereabouts VALUES ('all', 'CN', 'CN', 12), ('all', 'CN', 'DE', 3),
  ('all', 'CN', 'US', 5), ('all', 'US', 'CN', 1), ('all', 'US', 'US', 9),
  ('ai', 'CN', 'CN', 4), ('ai', 'CN', 'US', 4), ('ai', 'US', 'CN', 1), ('ai', 'US', 'US', 2);
-- Return to CN within 5 years of those who left CN for US, by cohort: 2010-2012 have at
-- least 10 leavers; the weighted least-squares slope of km on the year, weights 10, 12,
-- 14, is 0.019943 a year, standard error 0.000580, t(1 df) 12.706: +19.9 points a
-- decade, 95 % interval +12.6 to +27.3, rising. 2013 (9 leavers) and 2014 (nobody
-- observed) stay out. US -> CN has two cohorts of 4 and 3: too few to tell.
INSERT INTO returns VALUES
  ('all', 'CN', 'US', 2010, 5, 10, 2, 9, 0.200),
  ('all', 'CN', 'US', 2011, 5, 12, 3, 11, 0.221),
  ('all', 'CN', 'US', 2012, 5, 14, 3, 10, 0.240),
  ('all', 'CN', 'US', 2013, 5, 9, 1, 3, 0.250),
  ('all', 'CN', 'US', 2014, 5, 5, 0, 0, 0.0),
  ('all', 'US', 'CN', 2011, 5, 4, 1, 3, 0.25),
  ('all', 'US', 'CN', 2013, 5, 3, 0, 2, 0.0);
-- In the pool ai the largest corridor is IN -> US (12), but the pair with the most moves
-- both ways is DE and GB (7 + 6 = 13); DE first.
INSERT INTO pools VALUES ('ai', 'subfield: 1702', 300, 30, 2);
INSERT INTO flows VALUES ('ai', 'IN', 'US', 2012, 12, 0, 12), ('ai', 'DE', 'GB', 2011, 7, 0, 7),
  ('ai', 'GB', 'DE', 2013, 6, 0, 6), ('ai', 'CN', 'US', 2012, 3, 2, 1),
  ('ai', 'US', 'CN', 2013, 2, 3, -1);
