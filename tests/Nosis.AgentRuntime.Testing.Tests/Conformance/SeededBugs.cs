using Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance;

/// <summary>Every seeded bug: one or more per kit check, each with the words its failure must say.</summary>
public static class SeededBugs
{
    public static IReadOnlyList<SeededBug> All { get; } =
    [
        // Agent id registry
        new(typeof(LastWriterWinsRegistrySuite), "TryClaimAgentIdAsync_AgentAlreadySet_ReturnsFalseAndKeepsExistingAgent", "must return false when the conversation already has an agent"),
        new(typeof(LastWriterWinsRegistrySuite), "TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt", "must be a compare-and-set"),
        new(typeof(ReadThenWriteRegistrySuite), "TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt", "claims through one instance won"),
        new(typeof(InstanceLockedRegistrySuite), "TryClaimAgentIdAsync_ConcurrentClaimsThroughTwoInstances_ExactlyOneWins", "atomic only behind a lock of this instance"),
        new(typeof(CachingRegistrySuite), "ReadClaimedAgentIdAsync_ClaimedThroughOtherInstance_ReturnsWinnerDespiteCache", "must bypass any cache"),
        new(typeof(TrimmingRegistrySuite), "TryClaimAgentIdAsync_AgentIdsWithSurroundingWhiteSpace_SurviveUnchanged", "trimmed"),
        new(typeof(CaseInsensitiveRegistrySuite), "TryClaimAgentIdAsync_ConversationIdInOtherCase_IsAnotherConversation", "case-insensitive collation"),
        new(typeof(ReclaimingRegistrySuite), "TryClaimAgentIdAsync_SameAgentIdAgain_ReturnsFalse", "re-claim of the agent"),
        new(typeof(UpsertingRegistrySuite), "TryClaimAgentIdAsync_UnknownConversation_ReturnsFalse", "an upsert"),
        new(typeof(EmptyStringRegistrySuite), "GetAgentIdAsync_NewConversation_ReturnsNull", "not an empty string"),
        new(typeof(BusyRefusingRegistrySuite), "TryClaimAgentIdAsync_ConcurrentClaimsOnDifferentConversations_DoNotInterfere", "must not affect another"),
        new(typeof(ShortColumnRegistrySuite), "TryClaimAgentIdAsync_UnusualAgentIds_SurviveUnchanged", "a short column"),
        new(typeof(AsciiRegistrySuite), "TryClaimAgentIdAsync_UnusualAgentIds_SurviveUnchanged", "non-Unicode encoding"),
        new(typeof(LastWriterWinsRegistrySuite), "TryReplaceAgentIdAsync_ManyConcurrentReplacements_ExactlyOneWinsAndEveryReadReturnsIt", "exactly one may win"),
        new(typeof(LastWriterWinsRegistrySuite), "TryReplaceAgentIdAsync_ExpectedAgentNotHeld_ReturnsFalseAndKeepsAgent", "must not set an agent on a conversation that has none"),

        // Shared-agent registry
        new(typeof(LastWriterWinsSharedAgentRegistrySuite), "TryClaimSharedAgentIdAsync_ConcurrentClaimsThroughTwoInstances_ExactlyOneWinsPerScope", "must be a compare-and-set in the store"),
        new(typeof(LastWriterWinsSharedAgentRegistrySuite), "TryReplaceSharedAgentIdAsync_FromExpectedId_WinsOnceAndStaleReplacementLoses", "never claimed must lose"),
        new(typeof(LastWriterWinsSharedAgentRegistrySuite), "TryClaimLettaConversationIdAsync_ConcurrentClaims_ExactlyOneWinsAndOthersUntouched", "must be a compare-and-set"),
        new(typeof(LastWriterWinsSharedAgentRegistrySuite), "TryReplaceLettaConversationIdAsync_FromExpectedId_WinsOnceAndStaleReplacementLoses", "never claimed must lose"),

        // Active run store
        new(typeof(SecondsOnlyActiveRunSuite), "SetActiveRun_ReadsBackWhole_AndANewerRunReplacesIt", "every field as stored"),
        new(typeof(BackwardAdvanceActiveRunSuite), "Advance_MovesForwardOnly_AndOnlyForTheActiveRun", "never move the sequence id backward"),
        new(typeof(UnconditionalClearActiveRunSuite), "ClearActiveRun_ForgetsOnlyTheRunItNames", "leave a newer run in place"),
        new(typeof(SingleSlotActiveRunSuite), "ActiveRuns_AreKeptPerConversation", "must not show on another"),
        new(typeof(UpsertingActiveRunSuite), "SetActiveRun_UnknownConversation_IsRefused", "must answer false for a conversation that does not exist"),

        // Message store
        new(typeof(EmptyReplyDroppingStoreSuite), "Saves_RefusedTurnRetriedWithTheSameIds_KeepOneUserMessageAndOneEmptyFailedMarker", "empty replies are dropped"),
        new(typeof(LatestUserMessageStoreSuite), "FindUnansweredTurnAsync_LatestMessageIsAUserMessage_ReturnsItUntilAReplyIsSaved", "would answer it twice"),
        new(typeof(LatestUserMessageStoreSuite), "ListUnansweredTurnsAsync_ManyConversations_ReturnsOnlyOldEnoughUnansweredTurnsOldestFirst", "earlier user messages of a conversation"),
        new(typeof(CompletionDroppingStoreSuite), "SaveAssistantMessageAsync_EachCompletionKind_RoundTrips", "saved as Aborted was read back as Completed"),
        new(typeof(UserCheckThenInsertStoreSuite), "SaveUserMessageAsync_SameIdConcurrently_KeepsOneCopy", "concurrent saves of one user message left"),
        new(typeof(AssistantCheckThenInsertStoreSuite), "SaveAssistantMessageAsync_SameIdConcurrently_KeepsOneCopy", "concurrent saves of one reply left"),
        new(typeof(NoUniqueKeyStoreSuite), "Saves_SameIdTwice_KeepOneCopy", "no unique key"),
        new(typeof(TrimmingStoreSuite), "Saves_ContentWithSurroundingWhiteSpace_IsReadBackUnchanged", "trimmed"),
        new(typeof(NulStrippingStoreSuite), "Saves_ContentWithNulCharacters_IsReadBackUnchanged", "NULs are stripped"),
        new(typeof(CompletedOnlyUsageStoreSuite), "SaveAssistantMessageAsync_UsageOfAbortedAndFailedReplies_IsKept", "ended Aborted"),
        new(typeof(ZeroUsageAsNullStoreSuite), "SaveAssistantMessageAsync_ZeroUsage_IsReadBackAsZerosNotNull", "null (no usage)"),
        new(typeof(NullUsageAsZerosStoreSuite), "SaveAssistantMessageAsync_Usage_RoundTripsIncludingNone", "must be read back without usage"),
        new(typeof(DetailedUsageDroppingStoreSuite), "SaveAssistantMessageAsync_DetailedUsage_RoundTrips", "must keep the whole token usage"),
        new(typeof(ModelDroppingStoreSuite), "SaveAssistantMessageAsync_Model_RoundTripsIncludingNone", "must keep the model"),
        new(typeof(PartsDroppingStoreSuite), "SaveAssistantMessageAsync_EveryPartKind_RoundTripsInOrder", "read back as null"),
        new(typeof(PartsReorderingStoreSuite), "SaveAssistantMessageAsync_EveryPartKind_RoundTripsInOrder", "unchanged and in order"),
        new(typeof(PartsDroppingStoreSuite), "SaveUserMessageAsync_Parts_RoundTripInOrder", "parts a user message was sent with"),
        new(typeof(PartsReorderingStoreSuite), "SaveUserMessageAsync_Parts_RoundTripInOrder", "parts a user message was sent with"),
        new(typeof(TruncatedFlagDroppingStoreSuite), "SaveAssistantMessageAsync_TruncatedFlag_RoundTrips", "read back as whole"),
        new(typeof(RunIdDroppingStoreSuite), "SaveAssistantMessageAsync_AgentAndRunIds_RoundTrip", "must keep the run id"),
        new(typeof(CappedContentStoreSuite), "Saves_LargeContent_IsReadBackUnchanged", "length-limited column"),
        new(typeof(Latin1StoreSuite), "Saves_NonAsciiContent_IsReadBackUnchanged", "non-Unicode column"),
        new(typeof(IdOrderedStoreSuite), "Saves_InterleavedUserAndAssistantMessages_AreAllReadBackInOrder", "in the order saved"),
        new(typeof(ConversationIgnoringStoreSuite), "ReadBack_TwoConversations_KeepTheirOwnMessages", "only its own messages"),
        new(typeof(AuthorDroppingStoreSuite), "SaveUserMessageAsync_AuthorAndConversation_RoundTrip", "must keep the author"),

        // Tool loader
        new(typeof(ScopeIgnoringLoaderSuite), "LoadToolsAsync_SandboxTarget_LoadsGlobalAndSandboxToolsOnly", "(global, sandbox)"),
        new(typeof(ScopeIgnoringLoaderSuite), "LoadToolsAsync_LocalTarget_LoadsGlobalAndLocalToolsOnly", "(global, local)"),
        new(typeof(OfficeIgnoringLoaderSuite), "LoadToolsAsync_TwoOffices_EachGetsOnlyItsOwnTools", "request.OfficeId is ignored"),
        new(typeof(PerConversationCachingLoaderSuite), "LoadToolsAsync_SameConversationTwice_ReturnsAFreshSetEachTime", "cached per conversation"),
        new(typeof(SharedHandleLoaderSuite), "LoadToolsAsync_TwoLoads_ReturnIndependentHandles", "returned the same handle"),
        new(typeof(ReleasingOnDisposeLoaderSuite), "DisposeLoader_AfterItsSetsWereReleased_ReleasesNothingAgain", "made it 4 releases"),
        new(typeof(LeakOnCancelLoaderSuite), "LoadToolsAsync_Cancelled_LeavesNoResourceOpen", "A cancelled load must free what it opened"),
        new(typeof(LeakyReleaseLoaderSuite), "DisposeAsync_EveryLoadedSet_LeavesNoResourceOpen", "resource(s) still open"),
        new(typeof(ReimplementedDisposeLoaderSuite), "DisposeAsync_Repeated_ReleasesOnce", "re-implements IAsyncDisposable"),
        new(typeof(ReimplementedDisposeLoaderSuite), "DisposeAsync_Concurrent_ReleasesExactlyOnce", "after 16 concurrent disposals"),
        new(typeof(ReimplementedDisposeLoaderSuite), "DisposeAsync_ReleaseThrows_FirstDisposeThrowsAndReleaseRunsOnce", "the first dispose must rethrow it"),
        new(typeof(ReimplementedDisposeLoaderSuite), "DisposeAsync_ReleaseThrowsUnderConcurrency_ReleaseRunsOnce", "exactly one of many concurrent disposals"),

        // Background scheduler
        new(typeof(SwallowingSchedulerSuite), "ScheduleAsync_WorkThrows_FailureIsReportedWithNameAndContext", "never lost"),
        new(typeof(SwallowingSchedulerSuite), "ScheduleAsync_AfterShutdown_ThrowsInvalidOperationException", "it accepted it"),
        new(typeof(InlineSchedulerSuite), "ScheduleAsync_WorkWithASynchronousPart_DoesNotRunItOnTheCallersThread", "on the caller's thread"),
        new(typeof(AwaitingSchedulerSuite), "ScheduleAsync_LongWork_ReturnsOnceQueuedWithoutWaitingForIt", "awaits the work itself"),
        new(typeof(CallerTokenSchedulerSuite), "ScheduleAsync_CallerTokenCancelled_WorkRunsWithTokenNotCancelled", "its token was cancelled with the caller's"),
        new(typeof(QueueDroppingSchedulerSuite), "ShutdownAsync_QueuedWork_RunsOrIsReportedBeforeShutdownReturns", "must not drop queued work"),
        new(typeof(NeverCancellingSchedulerSuite), "ShutdownAsync_WorkOutlivingTheDrain_IsCancelledAndReported", "must cancel the token"),
        new(typeof(CancellationSwallowingSchedulerSuite), "ShutdownAsync_WorkOutlivingTheDrain_IsCancelledAndReported", "cut short must be reported"),
        new(typeof(NoDrainSchedulerSuite), "ShutdownAsync_RunningWork_FinishesBeforeShutdownReturns", "Shutdown must drain"),
        new(typeof(FullQueueDroppingSchedulerSuite), "ScheduleAsync_ManyItemsAtOnce_EachRunsExactlyOnce", "drops items when it is full"),
        new(typeof(AcceptingAfterShutdownSchedulerSuite), "ScheduleAsync_AfterShutdown_ThrowsInvalidOperationException", "it accepted it"),

        // Error reporter
        new(typeof(ForgetfulReporterSuite), "ReportAsync_Report_IsKeptWithOperationMessageContextAndType", "1 reported, 0 kept"),
        new(typeof(UnsafeAppendReporterSuite), "ReportAsync_ManyConcurrentReports_AreAllKept", "not thread-safe"),
        new(typeof(FlatteningReporterSuite), "ReportAsync_MultiLineMessage_IsKeptWithItsLineBreaks", "line breaks are replaced"),
        new(typeof(TypeDroppingReporterSuite), "ReportAsync_Report_IsKeptWithOperationMessageContextAndType", "error type unchanged"),
        new(typeof(CappingReporterSuite), "ReportAsync_LongNonAsciiMessage_IsKeptUnchanged", "length cap"),
        new(typeof(NullTypeCrashingReporterSuite), "ReportAsync_ReportWithoutErrorType_IsKept", "no exception type"),

        // Turn lease store
        new(typeof(AnyoneReleasesLeaseSuite), "ReleaseAsync_ByOtherOwner_DoesNothing", "must do nothing"),
        new(typeof(AnyoneReleasesLeaseSuite), "RenewAsync_ByOtherOwner_ReturnsFalseAndLeavesTheLease", "not conditioned on the owner"),
        new(typeof(RenewAfterExpiryLeaseSuite), "RenewAsync_AfterExpiry_ReturnsFalse", "Renew succeeded after the lease expired"),
        new(typeof(OldExpiryRenewLeaseSuite), "RenewAsync_ShorterDuration_ExtendsFromNowNotFromTheOldExpiry", "extend the lease from now"),
        new(typeof(NonAtomicTakeoverLeaseSuite), "TryAcquireAsync_ManyOwnersRacingForAnExpiredLease_ExactlyOneWins", "racing for an expired lease got it"),
        new(typeof(ReadThenWriteLeaseSuite), "TryAcquireAsync_ManyConcurrentOwners_ExactlyOneWins", "racing for a free lease got it"),
        new(typeof(OverwritingAcquireLeaseSuite), "TryAcquireAsync_LeaseHeld_OtherOwnerIsRefused", "must refuse a lease another owner holds"),
        new(typeof(SystemClockLeaseSuite), "TryAcquireAsync_ExpiredLease_IsTakenOverAndTheOldOwnerLosesIt", "TimeProvider it was given"),
        new(typeof(NonExtendingRenewLeaseSuite), "RenewAsync_ByOwner_ExtendsTheLease", "does not write the new expiry"),
        new(typeof(SingleRowLeaseSuite), "TryAcquireAsync_DifferentConversations_AreIndependent", "must not block another conversation"),
        new(typeof(NoOpReleaseLeaseSuite), "ReleaseAsync_ByOwner_FreesTheLease", "release does nothing"),
    ];
}
