"""PyTorch reference for TrainBench's rotnet figure: the same small encoder (kernels 7,5,3,3,
strides 3,2,2,1, widths 64..512, padding k/2, BatchNorm, ReLU), pooled linear 4-way head, SGD
with momentum 0.9 and weight decay 5e-4, batch of 64 sources in 4 rotations (256 images a step,
counted as 256). Debian's python3-torch (1.13) is the comparison named in issue 3.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 gpu-node/bench/pytorch_reference.py [seconds] [threads]

Prints the mean over the run and the median and best of ~12-step windows: on a shared machine
compare the best windows, measured back to back with TrainBench's best epoch.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 30
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
B = 64


def stage(i, o, k, s):
    return [nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]


net = nn.Sequential(*stage(3, 64, 7, 3), *stage(64, 128, 5, 2), *stage(128, 256, 3, 2),
                    *stage(256, 512, 3, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 4))
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(B, 3, 32, 32) * 2 - 1
y = torch.arange(4).repeat(B)


def step():
    rotated = torch.stack([torch.rot90(x, r, (2, 3)) for r in range(4)], 1).reshape(4 * B, 3, 32, 32)
    opt.zero_grad()
    loss_fn(net(rotated), y).backward()
    opt.step()


for _ in range(10):
    step()
rates = []
end = time.time() + seconds
while time.time() < end:
    start = time.time()
    for _ in range(12):
        step()
    rates.append(12 * 4 * B / (time.time() - start))
mean = len(rates) / sum(1 / r for r in rates)
print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: mean {mean:.0f} images/s, "
      f"median window {statistics.median(rates):.0f}, best window {max(rates):.0f} ({len(rates)} windows)")
