using System.Text.Json;
using Portable.Core.Validation;

namespace Portable.Core.Orders;

/// <summary>
/// A validated order request: <c>item</c> 1-200 characters, <c>amount</c> an integer above zero, <c>description</c> up to
/// 1000. Errors name the fields in camelCase, as the API answers; seed 002's <c>Item</c>, <c>Amount</c> and
/// <c>Description</c> are read as well.
/// </summary>
public sealed record NewOrder
{
    public const int MaxItemLength = 200;
    public const int MaxDescriptionLength = 1000;

    private NewOrder(string item, int amount, string? description)
    {
        Item = item;
        Amount = amount;
        Description = description;
    }

    public string Item { get; }

    public int Amount { get; }

    public string? Description { get; }

    public static NewOrder Create(string? item, int? amount, string? description)
    {
        var errors = new ValidationErrors();
        Validate(errors, item, amount, description);
        errors.ThrowIfAny();
        return new NewOrder(item!, amount!.Value, description);
    }

    /// <summary>Reads the POST body; property names match case-insensitively, as ASP.NET's binder does.</summary>
    public static NewOrder Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            throw new ValidationException("body", $"is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationException("body", "must be an object with item, amount and an optional description.");
            }

            JsonText.ThrowIfInvalid(document.RootElement);

            var errors = new ValidationErrors();
            string? item = null;
            int? amount = null;
            string? description = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "Item", StringComparison.OrdinalIgnoreCase))
                {
                    item = ReadString(property.Value, "item", errors);
                }
                else if (string.Equals(property.Name, "Amount", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var value))
                    {
                        amount = value;
                    }
                    else
                    {
                        errors.Add("amount", "must be an integer.");
                    }
                }
                else if (string.Equals(property.Name, "Description", StringComparison.OrdinalIgnoreCase))
                {
                    description = property.Value.ValueKind == JsonValueKind.Null ? null : ReadString(property.Value, "description", errors);
                }
                else
                {
                    errors.Add(property.Name, "is not a field of an order.");
                }
            }

            Validate(errors, item, amount, description);
            errors.ThrowIfAny();
            return new NewOrder(item!, amount!.Value, description);
        }
    }

    private static string? ReadString(JsonElement value, string field, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(field, "must be a string.");
        return "";
    }

    /// <summary>Checks the rules of each field that has no type error already.</summary>
    private static void Validate(ValidationErrors errors, string? item, int? amount, string? description)
    {
        if (!errors.Has("item") && (item is null || item.Trim().Length == 0 || item.Length > MaxItemLength))
        {
            errors.Add("item", item is null ? "is required." : $"must be 1 to {MaxItemLength} characters long and not blank.");
        }

        if (!errors.Has("amount") && amount is null or <= 0)
        {
            errors.Add("amount", amount is null ? "is required." : "must be greater than zero.");
        }

        if (!errors.Has("description") && description is { Length: > MaxDescriptionLength })
        {
            errors.Add("description", $"must be at most {MaxDescriptionLength} characters long.");
        }
    }
}
