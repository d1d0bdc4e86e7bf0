-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "categoryPath" TEXT,
    "affectedService" TEXT,
    "source" TEXT NOT NULL,
    "sourcePermalink" TEXT,
    "state" TEXT NOT NULL,
    "tier" TEXT NOT NULL DEFAULT 'service_desk',
    "isSecurity" BOOLEAN NOT NULL DEFAULT false,
    "reporterId" TEXT NOT NULL,
    "reporterLocale" TEXT NOT NULL DEFAULT 'en',
    "assigneeId" TEXT,
    "holdKind" TEXT,
    "holdReason" TEXT,
    "holdSince" TIMESTAMP(3),
    "totalHeldMs" BIGINT NOT NULL DEFAULT 0,
    "resolutionCode" TEXT,
    "resolutionNotes" TEXT,
    "duplicateOf" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "firstResponseAt" TIMESTAMP(3),
    "managerEscalatedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "majorLeadId" TEXT,
    "majorDeclaredAt" TIMESTAMP(3),
    "majorLastUpdateAt" TIMESTAMP(3),
    "majorRemindedAt" TIMESTAMP(3),
    "slaPolicyId" TEXT,
    "responseDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "nextSlaAlertAt" TIMESTAMP(3),
    "slaAlertsSent" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requestKey" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "recordType" TEXT NOT NULL,
    "recordId" INTEGER NOT NULL,
    "recordNumber" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "field" TEXT,
    "fromValue" TEXT,
    "toValue" TEXT,
    "details" JSONB,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" BIGSERIAL NOT NULL,
    "orderingKey" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "availableAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackMessageRef" (
    "id" SERIAL NOT NULL,
    "recordKey" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackMessageRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SatisfactionSurvey" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "respondentId" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SatisfactionSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedSlackEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessedSlackEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job","slot")
);

-- CreateTable
CREATE TABLE "IncidentPause" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3),
    "reason" TEXT NOT NULL,

    CONSTRAINT "IncidentPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "nextStepAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_requestKey_key" ON "Incident"("requestKey");

-- CreateIndex
CREATE INDEX "Incident_state_priority_idx" ON "Incident"("state", "priority");

-- CreateIndex
CREATE INDEX "Incident_reporterId_state_idx" ON "Incident"("reporterId", "state");

-- CreateIndex
CREATE INDEX "Incident_assigneeId_state_idx" ON "Incident"("assigneeId", "state");

-- CreateIndex
CREATE INDEX "Incident_state_resolvedAt_idx" ON "Incident"("state", "resolvedAt");

-- CreateIndex
CREATE INDEX "Incident_majorDeclaredAt_idx" ON "Incident"("majorDeclaredAt");

-- CreateIndex
CREATE INDEX "Incident_nextSlaAlertAt_idx" ON "Incident"("nextSlaAlertAt");

-- CreateIndex
CREATE INDEX "AuditEntry_recordType_recordId_id_idx" ON "AuditEntry"("recordType", "recordId", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_availableAt_idx" ON "OutboxMessage"("status", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_orderingKey_id_idx" ON "OutboxMessage"("orderingKey", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SlackMessageRef_recordKey_purpose_key" ON "SlackMessageRef"("recordKey", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionSurvey_incidentId_key" ON "SatisfactionSurvey"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentPause_incidentId_idx" ON "IncidentPause"("incidentId");

-- CreateIndex
CREATE INDEX "Escalation_nextStepAt_idx" ON "Escalation"("nextStepAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_incidentId_trigger_key" ON "Escalation"("incidentId", "trigger");


-- The audit trail is append-only, also for anyone with direct SQL access.
CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEntry is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_append_only
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

CREATE TRIGGER audit_entry_no_truncate
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();

-- One counter per record type, present from the start, so numbering only ever updates a row
-- (concurrent first reports never race to insert it).
INSERT INTO "Counter" ("name", "value") VALUES ('INC', 0), ('REQ', 0), ('PRB', 0), ('CHG', 0), ('REL', 0);
