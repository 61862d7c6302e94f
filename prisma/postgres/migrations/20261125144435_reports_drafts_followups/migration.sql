-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "reportPromptDaysBefore" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN     "correctsReportId" TEXT;

-- CreateTable
CREATE TABLE "FormDraft" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "draftKey" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FormDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImplementationFollowUp" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "monthsAfter" INTEGER NOT NULL,
    "authorMemberId" TEXT NOT NULL,
    "inUse" TEXT NOT NULL,
    "howUsed" TEXT NOT NULL,
    "nextSteps" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImplementationFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Homework" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "createdByMemberId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Homework_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HomeworkAnswer" (
    "id" TEXT NOT NULL,
    "homeworkId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HomeworkAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FormDraft_draftKey_key" ON "FormDraft"("draftKey");

-- CreateIndex
CREATE INDEX "FormDraft_groupId_idx" ON "FormDraft"("groupId");

-- CreateIndex
CREATE INDEX "ImplementationFollowUp_assignmentId_idx" ON "ImplementationFollowUp"("assignmentId");

-- CreateIndex
CREATE INDEX "Homework_groupId_idx" ON "Homework"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "HomeworkAnswer_homeworkId_memberId_key" ON "HomeworkAnswer"("homeworkId", "memberId");

-- AddForeignKey
ALTER TABLE "FormDraft" ADD CONSTRAINT "FormDraft_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImplementationFollowUp" ADD CONSTRAINT "ImplementationFollowUp_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Homework" ADD CONSTRAINT "Homework_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeworkAnswer" ADD CONSTRAINT "HomeworkAnswer_homeworkId_fkey" FOREIGN KEY ("homeworkId") REFERENCES "Homework"("id") ON DELETE CASCADE ON UPDATE CASCADE;
