DROP TABLE bench_wide_rows;
DROP TYPE bench_status;
