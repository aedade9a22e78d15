namespace Portable.Core.Quality;

/// <summary>One problem a rule found, located at a wavelength when the problem has one.</summary>
public sealed record Finding(string Rule, Severity Severity, string Message, double? WavelengthNm);
