global using HttmOrleans.Grains.Datasets;
global using HttmOrleans.Grains.Models;
global using HttmOrleans.Grains.Tasks;
global using Orleans;
global using Xunit;
