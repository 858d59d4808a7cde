using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Api.Endpoints;

/// <summary>What an import parsed: the valid samples, and how many rows were left out with the first reasons.</summary>
internal sealed record ImportedRows(List<InteractionSample> Interactions, List<TextPairSample> Pairs, int Skipped, List<FieldError> Errors);
