-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "proposalId" TEXT;

-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "roundId" TEXT;

-- CreateTable
CREATE TABLE "AnalysisRound" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "proposalDeadline" TIMESTAMP(3) NOT NULL,
    "votingDeadline" TIMESTAMP(3),
    "voteBudget" INTEGER NOT NULL,
    "maxVotesPerArea" INTEGER NOT NULL,
    "openedByMemberId" TEXT NOT NULL,
    "votingOpenedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalysisRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "organisationId" TEXT,
    "votes" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanChange" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "planId" TEXT,
    "planVersion" INTEGER,
    "memberId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityId" TEXT,
    "details" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalysisRound_groupId_status_idx" ON "AnalysisRound"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_roundId_memberId_key" ON "Ballot"("roundId", "memberId");

-- CreateIndex
CREATE INDEX "PlanChange_groupId_createdAt_idx" ON "PlanChange"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "PlanChange_planId_idx" ON "PlanChange"("planId");

-- CreateIndex
CREATE INDEX "Proposal_roundId_idx" ON "Proposal"("roundId");

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AnalysisRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalysisRound" ADD CONSTRAINT "AnalysisRound_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AnalysisRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanChange" ADD CONSTRAINT "PlanChange_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanChange" ADD CONSTRAINT "PlanChange_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
