-- AlterTable
ALTER TABLE "ProgressReport" ADD COLUMN "correctsReportId" TEXT;

-- CreateTable
CREATE TABLE "FormDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "draftKey" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FormDraft_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImplementationFollowUp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "monthsAfter" INTEGER NOT NULL,
    "authorMemberId" TEXT NOT NULL,
    "inUse" TEXT NOT NULL,
    "howUsed" TEXT NOT NULL,
    "nextSteps" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ImplementationFollowUp_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Homework" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "createdByMemberId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Homework_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HomeworkAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "homeworkId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "answers" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "HomeworkAnswer_homeworkId_fkey" FOREIGN KEY ("homeworkId") REFERENCES "Homework" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "officeChannelId" TEXT,
    "standingItemHoursBefore" INTEGER NOT NULL DEFAULT 48,
    "summaryHoursBefore" INTEGER NOT NULL DEFAULT 24,
    "planningDayReminder" BOOLEAN NOT NULL DEFAULT false,
    "reportPromptDaysBefore" INTEGER NOT NULL DEFAULT 5,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Group" ("createdAt", "id", "locale", "name", "officeChannelId", "planningDayReminder", "standingItemHoursBefore", "summaryHoursBefore", "timeZone", "updatedAt") SELECT "createdAt", "id", "locale", "name", "officeChannelId", "planningDayReminder", "standingItemHoursBefore", "summaryHoursBefore", "timeZone", "updatedAt" FROM "Group";
DROP TABLE "Group";
ALTER TABLE "new_Group" RENAME TO "Group";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
