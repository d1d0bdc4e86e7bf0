-- CreateTable
CREATE TABLE "Problem" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "categoryPath" TEXT,
    "affectedService" TEXT,
    "creatorId" TEXT NOT NULL,
    "ownerId" TEXT,
    "rootCause" TEXT,
    "workaround" TEXT,
    "resolutionNotes" TEXT,
    "changeNumber" TEXT,
    "cancelReason" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "requestKey" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "knownErrorAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemIncident" (
    "id" SERIAL NOT NULL,
    "problemId" INTEGER NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "incidentNumber" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProblemIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnownErrorMatch" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "problemId" INTEGER NOT NULL,
    "reasons" TEXT[],
    "matchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnownErrorMatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeArticle" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorLocale" TEXT NOT NULL DEFAULT 'en',
    "sourceKind" TEXT,
    "sourceNumber" TEXT,
    "reviewerId" TEXT,
    "returnReason" TEXT,
    "retireReason" TEXT,
    "requestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "KnowledgeArticle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrendCandidate" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "groupBy" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "incidents" TEXT[],
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "problemId" INTEGER,

    CONSTRAINT "TrendCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Problem_number_key" ON "Problem"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_requestKey_key" ON "Problem"("requestKey");

-- CreateIndex
CREATE INDEX "Problem_state_idx" ON "Problem"("state");

-- CreateIndex
CREATE INDEX "ProblemIncident_incidentId_idx" ON "ProblemIncident"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemIncident_problemId_incidentId_key" ON "ProblemIncident"("problemId", "incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "KnownErrorMatch_incidentId_problemId_key" ON "KnownErrorMatch"("incidentId", "problemId");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeArticle_number_key" ON "KnowledgeArticle"("number");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeArticle_requestKey_key" ON "KnowledgeArticle"("requestKey");

-- CreateIndex
CREATE INDEX "KnowledgeArticle_state_idx" ON "KnowledgeArticle"("state");

-- CreateIndex
CREATE UNIQUE INDEX "TrendCandidate_key_key" ON "TrendCandidate"("key");

-- CreateIndex
CREATE INDEX "TrendCandidate_proposedAt_idx" ON "TrendCandidate"("proposedAt");

-- CreateIndex
CREATE INDEX "Incident_openedAt_idx" ON "Incident"("openedAt");

-- Knowledge base articles are numbered KB-000001 (the other counters are seeded by the init migration).
INSERT INTO "Counter" ("name", "value") VALUES ('KB', 0) ON CONFLICT ("name") DO NOTHING;
