-- A storyboard's shots know their board: the board's holds are placed together and a shot's
-- failover re-prices inside its part of them.
alter table videos add column storyboard_id text;
create index videos_storyboard on videos (storyboard_id) where storyboard_id is not null;
