using System.Net.Http.Json;

namespace Portable.Core.Quality;

/// <summary>
/// The default notifier: POSTs the notification as JSON to <c>Quality:Notifier:WebhookUrl</c> with an
/// <c>Idempotency-Key</c> header, so a receiver can drop the repeats that at-least-once delivery brings.
/// </summary>
public sealed class WebhookNotifier(HttpClient http, Uri webhookUrl) : IQualityNotifier
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<NotificationStatus> NotifyAsync(FailureNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl)
        {
            Content = JsonContent.Create(notification, QualityJsonContext.Default.FailureNotification),
        };
        request.Headers.Add(IdempotencyKeyHeader, notification.IdempotencyKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new NotificationFailedException($"The webhook for sample {notification.SampleId} could not be reached: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationFailedException($"The webhook for sample {notification.SampleId} did not answer in time.", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationFailedException($"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase} for sample {notification.SampleId}.");
            }
        }

        return NotificationStatus.Delivered;
    }
}
