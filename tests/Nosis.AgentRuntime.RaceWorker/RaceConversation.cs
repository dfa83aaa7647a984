namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>A conversation to race on, as given on the command line (<c>id,user,office</c>).</summary>
/// <param name="Id">The conversation id.</param>
/// <param name="UserId">Its owner.</param>
/// <param name="OfficeId">Its office.</param>
internal sealed record RaceConversation(string Id, string UserId, string OfficeId);
