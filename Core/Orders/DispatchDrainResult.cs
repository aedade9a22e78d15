namespace Portable.Core.Orders;

/// <summary>What a drain of the dispatch queue did: dispatched, failed (given back with a delay), given back unstarted.</summary>
public readonly record struct DispatchDrainResult(int Dispatched, int Failed, int Released);
