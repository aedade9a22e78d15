using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;

namespace Portable.Adapters.Sqs;

/// <summary>
/// The queues on SQS. A queue's URL is resolved on first use: from configuration, by name, or by creating the queue
/// and its dead-letter queue with a redrive policy (<see cref="SqsQueueOptions.CreatesQueues"/>). FIFO queues
/// (<see cref="QueueNames.IsFifo"/>) and their dead-letter queues carry the <c>.fifo</c> suffix.
/// </summary>
public sealed partial class SqsQueueProvider : IQueueProvider, IDisposable
{
    /// <summary>Fourteen days, the longest SQS keeps a message: dead letters wait for a person.</summary>
    private const string DeadLetterRetentionSeconds = "1209600";

    private readonly IAmazonSQS _client;
    private readonly bool _ownsClient;
    private readonly SqsQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SqsMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _urls = new(StringComparer.Ordinal);

    public SqsQueueProvider(SqsQueueOptions options, TimeProvider timeProvider, ILogger<SqsQueueProvider> logger)
        : this(CreateClient(options), ownsClient: true, options, timeProvider, logger)
    {
    }

    public SqsQueueProvider(IAmazonSQS client, SqsQueueOptions options, TimeProvider timeProvider, ILogger<SqsQueueProvider> logger)
        : this(client, ownsClient: false, options, timeProvider, logger)
    {
    }

    private SqsQueueProvider(IAmazonSQS client, bool ownsClient, SqsQueueOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    public IMessageQueue GetQueue(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _queues.GetOrAdd(name, _ => new SqsMessageQueue(
            _client, name, QueueNames.IsFifo(name), _options.MaxReceiveCount, token => UrlAsync(name, QueueNames.IsFifo(name), null, token), _time, _logger));
    }

    public IMessageQueue GetDeadLetterQueue(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var deadLetter = QueueNames.DeadLetter(name);
        return _queues.GetOrAdd(deadLetter, _ => new SqsMessageQueue(
            _client, deadLetter, QueueNames.IsFifo(name), null, token => UrlAsync(deadLetter, QueueNames.IsFifo(name), name, token), _time, _logger));
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>The client for AWS, or for <see cref="SqsQueueOptions.ServiceUrl"/> with the emulator's credentials unless the environment has real ones.</summary>
    private static AmazonSQSClient CreateClient(SqsQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonSQSConfig();
        if (options.ServiceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.RegionOrDefault);
            return new AmazonSQSClient(config);
        }

        // A RegionEndpoint would replace the URL: the region only signs the requests.
        config.ServiceURL = options.ServiceUrl;
        config.AuthenticationRegion = options.RegionOrDefault;
        var hasCredentials = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_PROFILE"));
        return hasCredentials ? new AmazonSQSClient(config) : new AmazonSQSClient(new BasicAWSCredentials("test", "test"), config);
    }

    /// <summary>Resolves a queue's URL once; a failed resolution is tried again on the next call.</summary>
    private async Task<string> UrlAsync(string name, bool fifo, string? deadLetterOf, CancellationToken cancellationToken)
    {
        var url = _urls.GetOrAdd(name, _ => new Lazy<Task<string>>(() => ResolveAsync(name, fifo, deadLetterOf)));
        try
        {
            return await url.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (url.Value.IsFaulted || url.Value.IsCanceled)
        {
            _urls.TryRemove(KeyValuePair.Create(name, url));
            throw;
        }
    }

    private async Task<string> ResolveAsync(string name, bool fifo, string? deadLetterOf)
    {
        if (_options.ConfiguredUrl(name) is { } configuredUrl)
        {
            return configuredUrl;
        }

        var physicalName = _options.QueuePrefix + name + (fifo ? ".fifo" : "");
        if (!_options.CreatesQueues)
        {
            return (await _client.GetQueueUrlAsync(physicalName)).QueueUrl;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fifo)
        {
            // De-duplication ids are always sent (a hash of the body when the sender gives none).
            attributes[QueueAttributeName.FifoQueue] = "true";
            attributes[QueueAttributeName.ContentBasedDeduplication] = "false";
        }

        if (deadLetterOf is null)
        {
            var deadLetterUrl = await UrlAsync(QueueNames.DeadLetter(name), fifo, name, CancellationToken.None);
            var deadLetter = await _client.GetQueueAttributesAsync(deadLetterUrl, [QueueAttributeName.QueueArn]);
            attributes[QueueAttributeName.RedrivePolicy] = RedrivePolicy(deadLetter.QueueARN);
        }
        else
        {
            attributes[QueueAttributeName.MessageRetentionPeriod] = DeadLetterRetentionSeconds;
        }

        string url;
        try
        {
            url = (await _client.CreateQueueAsync(new CreateQueueRequest { QueueName = physicalName, Attributes = attributes })).QueueUrl;
        }
        catch (QueueNameExistsException)
        {
            // It exists with other attributes, say an older maxReceiveCount: bring them in line (FifoQueue cannot change).
            url = (await _client.GetQueueUrlAsync(physicalName)).QueueUrl;
            attributes.Remove(QueueAttributeName.FifoQueue);
            await _client.SetQueueAttributesAsync(url, attributes);
        }

        LogQueueReady(_logger, name, url);
        return url;
    }

    private string RedrivePolicy(string deadLetterArn)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("deadLetterTargetArn", deadLetterArn);
            json.WriteNumber("maxReceiveCount", _options.MaxReceiveCount);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} is ready at {QueueUrl}")]
    private static partial void LogQueueReady(ILogger logger, string queue, string queueUrl);
}
