-- Nodes announce themselves; a render that lives in one node's memory (the local engine) is
-- polled only by that node while it is alive, and taken over by any node once it is not.
create table worker_nodes (
  id text primary key,
  started_at timestamptz not null,
  heartbeat_at timestamptz not null
);

alter table videos add column owner_node text;
