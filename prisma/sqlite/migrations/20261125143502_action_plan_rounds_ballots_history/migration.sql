-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "proposalId" TEXT;

-- CreateTable
CREATE TABLE "AnalysisRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "proposalDeadline" DATETIME NOT NULL,
    "votingDeadline" DATETIME,
    "voteBudget" INTEGER NOT NULL,
    "maxVotesPerArea" INTEGER NOT NULL,
    "openedByMemberId" TEXT NOT NULL,
    "votingOpenedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "AnalysisRound_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "organisationId" TEXT,
    "votes" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AnalysisRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "planId" TEXT,
    "planVersion" INTEGER,
    "memberId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityId" TEXT,
    "details" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "PlanChange_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanChange_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "targetGroup" TEXT NOT NULL,
    "obstacles" TEXT NOT NULL,
    "proposedByMemberId" TEXT NOT NULL,
    "mergedIntoProposalId" TEXT,
    "roundId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Proposal_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Proposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AnalysisRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Proposal" ("createdAt", "description", "groupId", "id", "mergedIntoProposalId", "obstacles", "proposedByMemberId", "targetGroup", "title") SELECT "createdAt", "description", "groupId", "id", "mergedIntoProposalId", "obstacles", "proposedByMemberId", "targetGroup", "title" FROM "Proposal";
DROP TABLE "Proposal";
ALTER TABLE "new_Proposal" RENAME TO "Proposal";
CREATE INDEX "Proposal_groupId_idx" ON "Proposal"("groupId");
CREATE INDEX "Proposal_roundId_idx" ON "Proposal"("roundId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AnalysisRound_groupId_status_idx" ON "AnalysisRound"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_roundId_memberId_key" ON "Ballot"("roundId", "memberId");

-- CreateIndex
CREATE INDEX "PlanChange_groupId_createdAt_idx" ON "PlanChange"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "PlanChange_planId_idx" ON "PlanChange"("planId");
