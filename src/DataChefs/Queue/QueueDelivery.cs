namespace HttmOrleans.DataChefs.Queue;

/// <summary>A delivery copied out of the client's buffer, which is reused after the handler returns.</summary>
internal sealed record QueueDelivery(ulong DeliveryTag, string? MessageId, byte[] Body, bool Redelivered);
