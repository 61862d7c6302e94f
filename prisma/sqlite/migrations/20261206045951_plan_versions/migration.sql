-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "carriedToYear" INTEGER;

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "decidedAt" DATETIME NOT NULL,
    "decidedByMemberId" TEXT,
    "minutes" TEXT NOT NULL,
    "activities" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "PlanVersion_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlanVersion_groupId_idx" ON "PlanVersion"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_version_key" ON "PlanVersion"("planId", "version");

-- Backfill (issue 17): each plan decided before versions existed gets its decided version as a snapshot, so
-- that the kansli link and the plan document keep showing it. The content is the plan's activities as they
-- stand at this migration (the best record there is), the minutes those given with its latest decision.
INSERT INTO "PlanVersion" ("id", "groupId", "planId", "year", "version", "decidedAt", "decidedByMemberId", "minutes", "activities", "createdAt")
SELECT
    'migrated-' || p."id", p."groupId", p."id", p."year", p."version", p."decidedAt", p."decidedByMemberId",
    COALESCE((
        SELECT json_extract(c."details", '$.minutes') FROM "PlanChange" c
        WHERE c."planId" = p."id" AND c."action" = 'plan-decided'
        ORDER BY c."createdAt" DESC, c."id" DESC LIMIT 1
    ), ''),
    (
        SELECT json_group_array(json_object(
            'id', a."id", 'title', a."title", 'description', a."description", 'targetGroup', a."targetGroup",
            'focusAreaCode', a."focusAreaCode", 'goalCode', a."goalCode", 'startDate', a."startDate",
            'endDate', a."endDate", 'status', a."status"))
        FROM (SELECT * FROM "Activity" WHERE "planId" = p."id" ORDER BY "createdAt", "id") a
    ),
    p."decidedAt"
FROM "ActionPlan" p
WHERE p."decidedAt" IS NOT NULL;
