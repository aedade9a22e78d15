using Microsoft.Extensions.Logging.Abstractions;
using Portable.Adapters.Sqs;
using Portable.Core.Messaging;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.Messaging;

/// <summary>Queues on the SQS emulator, under a queue prefix of their own.</summary>
public sealed class SqsQueueTarget : QueueTarget
{
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static int _targets;

    private readonly string _serviceUrl = TestServers.SqsServiceUrl;
    private readonly string _prefix = $"t{RunId}-{Interlocked.Increment(ref _targets)}-";
    private readonly List<SqsQueueProvider> _providers = [];

    /// <summary>moto honours every receipt a message ever had; AWS documents a delete with an old receipt as "may or may not delete".</summary>
    public override string? StaleReceiptLimitation => "SQS does not promise that a stale receipt changes nothing (moto honours every receipt a message ever had).";

    public override IQueueProvider CreateProvider(int maxReceiveCount)
    {
        var options = new SqsQueueOptions { ServiceUrl = _serviceUrl, QueuePrefix = _prefix, MaxReceiveCount = maxReceiveCount };
        var provider = new SqsQueueProvider(options, TimeProvider.System, NullLogger<SqsQueueProvider>.Instance);
        _providers.Add(provider);
        return provider;
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
