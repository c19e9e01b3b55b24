-- Provider callbacks (issue 8): a verified callback asks for the job's next poll now. A callback
-- that arrives while a step of the job runs is remembered here, so the step's own reschedule does
-- not push the poll back out; a claim clears it.
alter table videos add column wake_requested_at timestamptz;

-- OpenAI webhooks name the upstream video id; AIVid's handle is <seconds>:<video id>.
create index videos_openai_render on videos ((substring(provider_handle from position(':' in provider_handle) + 1)))
  where provider = 'openai' and provider_handle is not null;
