-- CreateTable
CREATE TABLE "Change" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "templateId" TEXT,
    "affectedServices" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "configurationItemIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "plannedStart" TIMESTAMP(3) NOT NULL,
    "plannedEnd" TIMESTAMP(3) NOT NULL,
    "implementationPlan" TEXT NOT NULL,
    "backoutPlan" TEXT NOT NULL,
    "testPlan" TEXT NOT NULL,
    "riskAnswers" JSONB NOT NULL,
    "riskAssessed" TEXT NOT NULL,
    "riskLevel" TEXT NOT NULL,
    "riskOverrideReason" TEXT,
    "requesterId" TEXT NOT NULL,
    "implementerId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "raisedFrom" TEXT,
    "freezeOverride" JSONB,
    "submittedAt" TIMESTAMP(3),
    "authorisedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "rejection" JSONB,
    "cancellation" JSONB,
    "failure" JSONB,
    "problemSuggested" BOOLEAN NOT NULL DEFAULT false,
    "review" JSONB,
    "reviewedAt" TIMESTAMP(3),
    "retrospective" JSONB,
    "approval" JSONB,
    "approvalStartedAt" TIMESTAMP(3),
    "approvalRecipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "nextApprovalReminderAt" TIMESTAMP(3),
    "approvalEscalatedAt" TIMESTAMP(3),
    "startRemindedAt" TIMESTAMP(3),
    "lateStartFlaggedAt" TIMESTAMP(3),
    "requestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Change_number_key" ON "Change"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Change_requestKey_key" ON "Change"("requestKey");

-- CreateIndex
CREATE INDEX "Change_state_plannedStart_idx" ON "Change"("state", "plannedStart");

-- CreateIndex
CREATE INDEX "Change_nextApprovalReminderAt_idx" ON "Change"("nextApprovalReminderAt");

