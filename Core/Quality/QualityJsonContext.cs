using System.Text.Json.Serialization;

namespace Portable.Core.Quality;

/// <summary>Source-generated JSON for the quality types, so hosts serialize them without reflection (AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SpectrumSample))]
[JsonSerializable(typeof(IReadOnlyList<SpectrumSample>))]
[JsonSerializable(typeof(Finding))]
[JsonSerializable(typeof(IReadOnlyList<Finding>))]
[JsonSerializable(typeof(QualityVerdict))]
[JsonSerializable(typeof(IReadOnlyList<QualityVerdict>))]
[JsonSerializable(typeof(FailureNotification))]
[JsonSerializable(typeof(QualityWorkflowInput))]
[JsonSerializable(typeof(VerdictToStore))]
[JsonSerializable(typeof(NotificationOutcome))]
[JsonSerializable(typeof(NotificationStatus))]
[JsonSerializable(typeof(QualityRecord))]
[JsonSerializable(typeof(SampleAccepted))]
[JsonSerializable(typeof(IReadOnlyList<SampleAccepted>))]
[JsonSerializable(typeof(SampleView))]
[JsonSerializable(typeof(IReadOnlyList<SampleView>))]
[JsonSerializable(typeof(NotificationRetryInput))]
[JsonSerializable(typeof(NotificationRetryAccepted))]
public sealed partial class QualityJsonContext : JsonSerializerContext;
