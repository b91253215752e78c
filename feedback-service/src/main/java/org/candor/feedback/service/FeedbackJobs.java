package org.candor.feedback.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.feedback.config.FeedbackConfig;

import io.quarkus.scheduler.Scheduled;

/** The periodic work: due surveys, reminders, the rollup of new responses, and the daily score publication. */
@ApplicationScoped
public class FeedbackJobs {

    private final TriggerService triggers;
    private final InvitationService invitations;
    private final SurveyService surveys;
    private final ScorePublisher scores;
    private final RollupService rollups;
    private final FeedbackConfig config;

    FeedbackJobs(TriggerService triggers, InvitationService invitations, SurveyService surveys, ScorePublisher scores,
            RollupService rollups, FeedbackConfig config) {
        this.rollups = rollups;
        this.triggers = triggers;
        this.invitations = invitations;
        this.surveys = surveys;
        this.scores = scores;
        this.config = config;
    }

    @Scheduled(every = "${candor.feedback.dispatch-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatchAndRemind() {
        if (!config.schedulerEnabled()) {
            return;
        }
        triggers.dispatchDue();
        invitations.sendReminders(surveys);
    }

    /**
     * Counts submitted responses in the rollup and sends their events; statistics reads also fold
     * before they read. Runs on every instance (tests too): it is bookkeeping, and safe to run twice.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void foldSubmissions() {
        rollups.foldPending();
    }

    @Scheduled(cron = "${candor.feedback.score-cron:0 5 0 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void publishScores() {
        if (config.schedulerEnabled()) {
            scores.publishChanged();
        }
    }
}
